package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.RegisterPayment;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReserveBudget;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.MenuItem;
import org.junit.jupiter.api.Test;

/** The ledger's calendar: 2000-01-01 to 2100-12-31, both included; stored dates outside it are moved to its edge. */
class LegalDatesTest {

    @Test
    void acceptsTheFirstAndLastDayAndRefusesTheDaysAround() {
        assertThat(LegalDates.isInRange(LocalDate.of(2000, 1, 1))).isTrue();
        assertThat(LegalDates.isInRange(LocalDate.of(2100, 12, 31))).isTrue();
        assertThat(LegalDates.isInRange(LocalDate.of(2022, 7, 1))).isTrue();
        assertThat(LegalDates.isInRange(LocalDate.of(1999, 12, 31))).isFalse();
        assertThat(LegalDates.isInRange(LocalDate.of(2101, 1, 1))).isFalse();
        assertThat(LegalDates.isInRange(LocalDate.of(0, 1, 1))).isFalse();
    }

    @Test
    void acceptsInstantsWithinTheSameYears() {
        assertThat(LegalDates.isInRange(Instant.parse("2000-01-01T00:00:00Z"))).isTrue();
        assertThat(LegalDates.isInRange(Instant.parse("2100-12-31T23:59:59Z"))).isTrue();
        assertThat(LegalDates.isInRange(Instant.parse("1999-12-31T23:59:59Z"))).isFalse();
        assertThat(LegalDates.isInRange(Instant.parse("2101-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void requiresADateInRangeAndLetsNullPass() {
        LocalDate date = LocalDate.of(2022, 7, 1);

        assertThat(LegalDates.requireInRange(date, "the date")).isSameAs(date);
        assertThat(LegalDates.requireInRange(null, "the date")).isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegalDates.requireInRange(LocalDate.of(1999, 12, 31), "the date"))
                .withMessage("the date must lie between 2000-01-01 and 2100-12-31");
    }

    @Test
    void movesAStoredDateOutsideTheCalendarToItsNearestDay() {
        assertThat(LegalDates.repair(LocalDate.of(0, 1, 1))).isEqualTo(LegalDates.MIN);
        assertThat(LegalDates.repair(LocalDate.of(1999, 12, 31))).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(LegalDates.repair(LocalDate.of(9999, 12, 31))).isEqualTo(LegalDates.MAX);
        assertThat(LegalDates.repair(LocalDate.of(2101, 1, 1))).isEqualTo(LocalDate.of(2100, 12, 31));
        assertThat(LegalDates.repair(LocalDate.of(2022, 7, 1))).isEqualTo(LocalDate.of(2022, 7, 1));
    }

    @Test
    void refusesACommandOrCandidateDatedOutsideTheCalendar() {
        ReservationId id = ReservationId.of(new BudgetId(new RegionCode("rijnmond"), 2022), new UUID(0, 1));
        Actor kassier = new Actor("kassier", "KASSIER", null);
        LocalDate before = LocalDate.of(1999, 12, 31);
        LocalDate after = LocalDate.of(2101, 1, 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegisterPayment.of(
                        id, new PaymentId("PAY-1"), Money.parse("1.00"), before, null, null, kassier))
                .withMessageContaining("the date of a payment");
        assertThatNullPointerException()
                .isThrownBy(() ->
                        RegisterPayment.of(id, new PaymentId("PAY-1"), Money.parse("1.00"), null, null, null, kassier));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReserveBudget(
                        id,
                        BudgetType.AANVULLENDE_DIENSTVERLENING,
                        MenuItem.SCHOLING,
                        Money.parse("1.00"),
                        null,
                        after,
                        null,
                        true,
                        kassier))
                .withMessageContaining("the date of a reservation");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Candidate(new CandidateRef("pseudonym-1"), TargetGroup.WW, before, false))
                .withMessageContaining("the job loss date");
        assertThat(new Candidate(new CandidateRef("pseudonym-1"), TargetGroup.WW, LegalDates.MIN, false).jobLossDate())
                .isEqualTo(LocalDate.of(2000, 1, 1));
    }
}
