package nl.kassier.ledger.core.budget;

/**
 * A payment id is unique across the whole ledger (it is the bank's EndToEndId), but budgets are separate aggregates.
 * This port claims an id in the same transaction as the payment's event, so that a claim is kept exactly when the
 * payment is recorded. An idempotency key is unique across the ledger in the same way: the same key for a payment on
 * another reservation is another request, not a retry.
 */
public interface PaymentIdRegistry {

    /** What became of a claim. */
    enum Claim {
        /** The id is this reservation's now (or was already), with the key. */
        CLAIMED,
        /** Another reservation holds the id. */
        ID_TAKEN,
        /** A payment with this idempotency key is registered already. */
        KEY_TAKEN
    }

    /**
     * Claims {@code paymentId} for {@code reservationId}, with the digest of the idempotency key it came with
     * ({@code null} without one), in one step: a key taken already is reported before an id taken by another
     * reservation.
     */
    Claim claim(PaymentId paymentId, ReservationId reservationId, String idempotencyKeyDigest);
}
