package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.serialization.Revision;

/** The kassier paid {@code amount} against the commitment; {@code status} is the reservation's status after it. */
@Revision("1")
public record PaymentRegistered(
        String budgetId,
        ReservationId reservationId,
        PaymentId paymentId,
        Money amount,
        LocalDate date,
        Reference invoiceRef,
        String idempotencyKey,
        String fingerprint,
        ReservationStatus status,
        Actor actor)
        implements ReservationEvent {}
