package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/** What was not yet paid is free again; {@code status} is RELEASED, or CLOSED when something had been paid. */
@Revision("1")
public record ReservationReleased(
        String budgetId,
        ReservationId reservationId,
        Money released,
        String reason,
        ReservationStatus status,
        Actor actor) {}
