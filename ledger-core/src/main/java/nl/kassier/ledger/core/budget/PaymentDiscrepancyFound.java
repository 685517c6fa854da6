package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/**
 * The bank statement shows the payment for another amount than the ledger registered: the bank debited {@code
 * bankAmount} where the ledger paid {@code ledgerAmount}. A fact for the kassier to resolve; the payment stays as it
 * was registered.
 */
@Revision("1")
public record PaymentDiscrepancyFound(
        String budgetId,
        ReservationId reservationId,
        PaymentId paymentId,
        Money bankAmount,
        Money ledgerAmount,
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
