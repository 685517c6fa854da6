package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kassier registers a payment against a commitment. */
public record RegisterPayment(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        String paymentId,
        Money amount,
        LocalDate date,
        String invoiceRef,
        String idempotencyKey,
        Actor actor) {

    public static RegisterPayment of(
            ReservationId id,
            String paymentId,
            Money amount,
            LocalDate date,
            String invoiceRef,
            String idempotencyKey,
            Actor actor) {
        return new RegisterPayment(id.budget().value(), id, paymentId, amount, date, invoiceRef, idempotencyKey, actor);
    }

    /** A digest of the payment's content, to tell a retry from a different payment under the same key. */
    public String fingerprint() {
        return ReserveBudget.sha256(String.join(
                "|",
                paymentId,
                Long.toString(amount.cents()),
                String.valueOf(date),
                invoiceRef == null ? "" : invoiceRef,
                actor.username()));
    }
}
