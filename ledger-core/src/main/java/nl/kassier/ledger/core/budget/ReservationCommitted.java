package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.serialization.Revision;

/**
 * A verplichting of {@code amount} was entered into on {@code date}; {@code released}, the rest of the reservation, is
 * free again.
 */
@Revision("2")
public record ReservationCommitted(
        String budgetId,
        ReservationId reservationId,
        Money amount,
        Money released,
        Reference reference,
        LocalDate date,
        Actor actor)
        implements ReservationEvent {}
