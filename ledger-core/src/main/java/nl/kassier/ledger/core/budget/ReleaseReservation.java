package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Frees whatever of a reservation or commitment is not yet paid (vrijval). */
public record ReleaseReservation(
        @TargetAggregateIdentifier String budgetId, ReservationId reservationId, Reason reason, Actor actor) {

    public static ReleaseReservation of(ReservationId id, Reason reason, Actor actor) {
        return new ReleaseReservation(id.budget().value(), id, reason, actor);
    }
}
