package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Digests;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kassier registers a payment against a commitment. */
public record RegisterPayment(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        PaymentId paymentId,
        Money amount,
        LocalDate date,
        Reference invoiceRef,
        String idempotencyKey,
        Actor actor) {

    public RegisterPayment {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a payment");
    }

    public static RegisterPayment of(
            ReservationId id,
            PaymentId paymentId,
            Money amount,
            LocalDate date,
            Reference invoiceRef,
            String idempotencyKey,
            Actor actor) {
        return new RegisterPayment(id.budget().value(), id, paymentId, amount, date, invoiceRef, idempotencyKey, actor);
    }

    /**
     * The idempotency key as the ledger keeps it unique: a digest of the key and the user who sent it ({@code null}
     * without a key), for keys are the caller's own.
     */
    public String idempotencyKeyDigest() {
        return idempotencyKey == null ? null : Digests.sha256(actor.username() + "\n" + idempotencyKey);
    }

    /** A digest of the payment's content, to tell a retry from a different payment under the same key. */
    public String fingerprint() {
        return Digests.sha256(String.join(
                "|",
                paymentId.value(),
                Long.toString(amount.cents()),
                String.valueOf(date),
                invoiceRef == null ? "" : invoiceRef.value(),
                actor.username()));
    }
}
