package nl.kassier.ledger.core.budget;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * One line of a region's budget for a year: a cap line in force, the region's allocation under it ({@code cap}, zero
 * where it has none) and what its budget types draw. A budget type with use that no cap in force covers any more (an
 * amendment split a merged cap and left it out) is a line of its own, with a cap of zero and no amendment: nothing may
 * be spent under no cap, so it is overspent. The one computation of a budget's figures: the budget decides and reports
 * on it, and every view of a budget shows it.
 *
 * @param allocated whether the region has an allocation under the line at all
 * @param amendmentId the amendment that set the allocation (or else the cap); null for use under no cap
 */
public record BudgetLine(List<BudgetType> budgets, Money cap, boolean allocated, Usage drawn, String amendmentId) {

    public BudgetLine {
        budgets = List.copyOf(budgets);
    }

    public Money available() {
        return cap.minus(drawn.total());
    }

    public boolean overspent() {
        return available().isNegative();
    }

    /** The lines of {@code region}'s budget for {@code year} under the law in force on {@code date}. */
    public static List<BudgetLine> of(
            RegelingHistory law, RegionCode region, int year, java.time.LocalDate date, Map<BudgetType, Usage> usage) {
        List<BudgetLine> lines = new ArrayList<>();
        Set<BudgetType> capped = EnumSet.noneOf(BudgetType.class);
        for (CapLine cap : law.caps(year, date)) {
            capped.addAll(cap.budgets());
            Optional<Money> allocation = Optional.ofNullable(
                    law.allocations(year, cap.budgets(), date).get(region));
            Usage drawn = Usage.NONE;
            for (BudgetType type : cap.budgets()) {
                drawn = drawn.plus(usage.getOrDefault(type, Usage.NONE));
            }
            lines.add(new BudgetLine(
                    cap.budgets(),
                    allocation.orElse(Money.ZERO),
                    allocation.isPresent(),
                    drawn,
                    law.allocationAmendment(year, cap.budgets(), date).orElse(cap.amendmentId())));
        }
        for (BudgetType type : BudgetType.values()) {
            Usage drawn = usage.getOrDefault(type, Usage.NONE);
            if (!capped.contains(type) && drawn.total().isPositive()) {
                lines.add(new BudgetLine(List.of(type), Money.ZERO, false, drawn, null));
            }
        }
        return List.copyOf(lines);
    }

    /** The line {@code type} draws on, if a cap in force covers it. */
    public static Optional<BudgetLine> covering(List<BudgetLine> lines, BudgetType type) {
        return lines.stream()
                .filter(line -> line.amendmentId() != null && line.budgets().contains(type))
                .findFirst();
    }
}
