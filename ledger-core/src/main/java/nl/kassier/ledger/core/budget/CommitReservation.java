package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A verplichting is entered into on {@code date} for at most the reserved amount; the rest is released. */
public record CommitReservation(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        Money amount,
        Reference reference,
        LocalDate date,
        Actor actor) {

    public CommitReservation {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a commitment");
    }

    public static CommitReservation of(
            ReservationId id, Money amount, Reference reference, LocalDate date, Actor actor) {
        return new CommitReservation(id.budget().value(), id, amount, reference, date, actor);
    }
}
