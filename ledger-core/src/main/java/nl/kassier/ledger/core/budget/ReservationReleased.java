package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/**
 * What was not yet paid is free again from {@code date} (the vrijval, asked for or by the closing or settlement of its
 * year); {@code status} is RELEASED, or CLOSED when something had been paid.
 */
@Revision("2")
public record ReservationReleased(
        String budgetId,
        ReservationId reservationId,
        Money released,
        Reason reason,
        ReservationStatus status,
        LocalDate date,
        Actor actor)
        implements ReservationEvent {}
