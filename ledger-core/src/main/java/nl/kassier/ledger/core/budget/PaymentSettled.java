package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/** The bank statement shows the payment for its amount: entry {@code entryReference} of statement {@code statementId}. */
@Revision("1")
public record PaymentSettled(
        String budgetId,
        ReservationId reservationId,
        PaymentId paymentId,
        Money amount,
        String reconciliationId,
        String statementId,
        String entryReference,
        LocalDate bookingDate,
        Actor actor)
        implements ReservationEvent {

    /** The day the bank booked the payment, if its statement said. */
    @Override
    public LocalDate date() {
        return bookingDate;
    }
}
