package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A bank statement shows a payment: entry {@code entryReference} of statement {@code statementId} (reconciliation
 * {@code reconciliationId}) debited {@code bankAmount} with the payment's id as EndToEndId. The budget settles the
 * payment when the amounts agree and records a discrepancy when they do not.
 */
public record SettlePayment(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        PaymentId paymentId,
        String reconciliationId,
        String statementId,
        String entryReference,
        LocalDate bookingDate,
        Money bankAmount,
        Actor actor) {

    public SettlePayment {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(entryReference, "entryReference");
        Objects.requireNonNull(bankAmount, "bankAmount");
        Objects.requireNonNull(actor, "actor");
    }

    public static SettlePayment of(
            ReservationId reservationId,
            PaymentId paymentId,
            String reconciliationId,
            String statementId,
            String entryReference,
            LocalDate bookingDate,
            Money bankAmount,
            Actor actor) {
        return new SettlePayment(
                reservationId.budget().value(),
                reservationId,
                paymentId,
                reconciliationId,
                statementId,
                entryReference,
                bookingDate,
                bankAmount,
                actor);
    }

    /** The statement entry, as one key: a payment is settled by one entry of one statement. */
    String entryKey() {
        return reconciliationId + "/" + entryReference;
    }
}
