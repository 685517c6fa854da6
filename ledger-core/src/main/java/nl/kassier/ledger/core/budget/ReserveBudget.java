package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Digests;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.OrganisationType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner reports a budgetreservering, or the coördinator makes one ({@code approved}: it starts RESERVED).
 * {@code candidate} is absent only for uitvoeringskosten, which are not for a candidate.
 */
public record ReserveBudget(
        ReservationId reservationId,
        BudgetType budget,
        MenuItem menuItem,
        Money amount,
        Candidate candidate,
        LocalDate date,
        Description description,
        boolean approved,
        Actor actor,
        OrganisationType requesterType) {

    /** A request whose requester's kind of organisation is not known (a coördinator's, or a partner's unnamed). */
    public ReserveBudget(
            ReservationId reservationId,
            BudgetType budget,
            MenuItem menuItem,
            Money amount,
            Candidate candidate,
            LocalDate date,
            Description description,
            boolean approved,
            Actor actor) {
        this(reservationId, budget, menuItem, amount, candidate, date, description, approved, actor, null);
    }

    public ReserveBudget {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(menuItem, "menuItem");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a reservation");
        Objects.requireNonNull(actor, "actor");
    }

    /** The budget the reservation is for: the one its id names. */
    @TargetAggregateIdentifier
    public String budgetId() {
        return reservationId.budget().value();
    }

    /**
     * A digest of what was asked, by whom: a retry with the same idempotency key must ask exactly the same to get
     * the first answer again.
     */
    public String fingerprint() {
        String canonical = String.join(
                "|",
                budget.name(),
                menuItem.name(),
                Long.toString(amount.cents()),
                candidate == null ? "" : candidate.ref().value(),
                candidate == null || candidate.targetGroup() == null
                        ? ""
                        : candidate.targetGroup().name(),
                candidate == null ? "" : String.valueOf(candidate.jobLossDate()),
                candidate == null ? "" : Boolean.toString(candidate.jobAgreement()),
                date.toString(),
                description == null ? "" : description.value(),
                Boolean.toString(approved),
                actor.username());
        return Digests.sha256(canonical);
    }
}
