package nl.kassier.ledger.core.budget;

import java.util.Optional;

/**
 * A payment id is unique across the whole ledger (it is the bank's EndToEndId), but budgets are separate aggregates.
 * This port claims an id in the same transaction as the payment's event, so that a claim is kept exactly when the
 * payment is recorded. An idempotency key is unique across the ledger in the same way: the same key for a payment on
 * another reservation is another request, not a retry.
 */
public interface PaymentIdRegistry {

    /**
     * Claims {@code paymentId} for {@code reservationId}, with the digest of the idempotency key it came with
     * ({@code null} without one). Returns false when another reservation holds the id already; true when it was free
     * or is held by this reservation.
     */
    boolean claim(PaymentId paymentId, ReservationId reservationId, String idempotencyKeyDigest);

    /** The reservation a payment with this idempotency key digest was registered on, if any. */
    Optional<ReservationId> holderOfKey(String idempotencyKeyDigest);
}
