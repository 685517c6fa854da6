package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A verplichting is entered into for at most the reserved amount; the rest is released. */
public record CommitReservation(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        Money amount,
        Reference reference,
        Actor actor) {

    public static CommitReservation of(ReservationId id, Money amount, Reference reference, Actor actor) {
        return new CommitReservation(id.budget().value(), id, amount, reference, actor);
    }
}
