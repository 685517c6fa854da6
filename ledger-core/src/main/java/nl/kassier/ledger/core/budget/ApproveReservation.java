package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coördinator consents (instemming) to a requested reservation. */
public record ApproveReservation(@TargetAggregateIdentifier String budgetId, ReservationId reservationId, Actor actor) {

    public static ApproveReservation of(ReservationId id, Actor actor) {
        return new ApproveReservation(id.budget().value(), id, actor);
    }
}
