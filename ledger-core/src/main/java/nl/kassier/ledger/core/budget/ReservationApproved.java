package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/** The coördinator consented: the requested amount is now reserved. */
@Revision("1")
public record ReservationApproved(String budgetId, ReservationId reservationId, Money amount, Actor actor)
        implements ReservationEvent {}
