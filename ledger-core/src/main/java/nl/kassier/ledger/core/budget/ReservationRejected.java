package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/** The request was refused on {@code date} (by the coördinator, or by the closing of its year); {@code released} is free again. */
@Revision("2")
public record ReservationRejected(
        String budgetId, ReservationId reservationId, Money released, Reason reason, LocalDate date, Actor actor)
        implements ReservationEvent {}
