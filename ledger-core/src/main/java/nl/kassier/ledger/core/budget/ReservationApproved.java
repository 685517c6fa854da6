package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/** The coördinator consented, on {@code date}: the requested amount is now reserved. */
@Revision("2")
public record ReservationApproved(
        String budgetId, ReservationId reservationId, Money amount, LocalDate date, Actor actor)
        implements ReservationEvent {}
