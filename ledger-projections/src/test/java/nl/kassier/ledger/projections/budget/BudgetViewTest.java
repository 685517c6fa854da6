package nl.kassier.ledger.projections.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Test;

/** The budget as a coördinator reads it, computed from the regeling in force and what each budget type has drawn. */
class BudgetViewTest {

    private static final RegionCode RIJNMOND = new RegionCode("rijnmond");
    private static final List<BudgetType> MERGED =
            List.of(BudgetType.AANVULLENDE_DIENSTVERLENING, BudgetType.WERKFITBEHOUD);
    private static final Amendment MERGING = amendment(
            "samengevoegd",
            LocalDate.of(2022, 1, 1),
            new CapSetting(2022, MERGED, Money.parse("1000000.00")),
            MERGED,
            "10000.00");
    private static final Amendment SPLITTING = amendment(
            "gesplitst",
            LocalDate.of(2022, 2, 1),
            new CapSetting(2022, List.of(BudgetType.WERKFITBEHOUD), Money.parse("500000.00")),
            List.of(BudgetType.WERKFITBEHOUD),
            "5000.00");

    @Test
    void aMergedLineDrawsOnEveryTypeItCovers() {
        BudgetView view = compute(RegelingHistory.of(List.of(MERGING)));

        assertThat(view.lines()).singleElement().satisfies(line -> {
            assertThat(line.budgets()).isEqualTo(MERGED);
            assertThat(line.cap()).isEqualTo(Money.parse("10000.00"));
            assertThat(line.committed()).isEqualTo(Money.parse("3000.00"));
            assertThat(line.paid()).isEqualTo(Money.parse("1000.00"));
            assertThat(line.available()).isEqualTo(Money.parse("6000.00"));
            assertThat(line.overspent()).isFalse();
        });
    }

    @Test
    void useLeftUnderNoCapBySplittingAMergedCapStaysInViewAsAnOverspentLineOfZero() {
        BudgetView view = compute(RegelingHistory.of(List.of(MERGING, SPLITTING)));

        assertThat(view.lines()).hasSize(2);
        assertThat(view.lines().get(0).budgets()).containsExactly(BudgetType.WERKFITBEHOUD);
        assertThat(view.lines().get(0).overspent()).isFalse();
        assertThat(view.lines().get(1)).satisfies(line -> {
            assertThat(line.budgets()).containsExactly(BudgetType.AANVULLENDE_DIENSTVERLENING);
            assertThat(line.cap()).isEqualTo(Money.ZERO);
            assertThat(line.committed()).isEqualTo(Money.parse("3000.00"));
            assertThat(line.paid()).isEqualTo(Money.parse("1000.00"));
            assertThat(line.available()).isEqualTo(Money.parse("-4000.00"));
            assertThat(line.overspent()).isTrue();
            assertThat(line.amendmentId()).as("no amendment sets its cap").isNull();
        });
    }

    private static BudgetView compute(RegelingHistory law) {
        Map<BudgetType, Usage> usage = Map.of(
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                new Usage(Money.ZERO, Money.ZERO, Money.parse("3000.00"), Money.parse("1000.00")));
        return BudgetView.compute(
                RIJNMOND, 2022, Instant.now(), BudgetStatus.OPEN, law, LocalDate.of(2022, 6, 1), usage);
    }

    private static Amendment amendment(
            String id, LocalDate from, CapSetting cap, List<BudgetType> allocated, String allocation) {
        return new Amendment(
                id,
                id,
                null,
                null,
                from,
                null,
                List.of(cap),
                List.of(new AllocationSetting(RIJNMOND, 2022, allocated, Money.parse(allocation))),
                List.of(),
                null);
    }
}
