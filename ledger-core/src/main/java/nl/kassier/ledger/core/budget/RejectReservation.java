package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coördinator refuses a requested reservation; its amount is free again. */
public record RejectReservation(
        @TargetAggregateIdentifier String budgetId, ReservationId reservationId, Reason reason, Actor actor) {

    public static RejectReservation of(ReservationId id, Reason reason, Actor actor) {
        return new RejectReservation(id.budget().value(), id, reason, actor);
    }
}
