package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/** What was not yet paid is free again; {@code status} is RELEASED, or CLOSED when something had been paid. */
@Revision("1")
public record ReservationReleased(
        String budgetId,
        ReservationId reservationId,
        Money released,
        Reason reason,
        ReservationStatus status,
        Actor actor)
        implements ReservationEvent {}
