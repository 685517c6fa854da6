package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/** The coördinator refused a request; {@code released} is free again. */
@Revision("1")
public record ReservationRejected(
        String budgetId, ReservationId reservationId, Money released, Reason reason, Actor actor)
        implements ReservationEvent {}
