package nl.kassier.ledger.core.budget;

/**
 * A payment id is unique across the whole ledger (it is the bank's EndToEndId), but budgets are separate aggregates.
 * This port claims an id in the same transaction as the payment's event, so that a claim is kept exactly when the
 * payment is recorded.
 */
public interface PaymentIdRegistry {

    /**
     * Claims {@code paymentId} for {@code reservationId}. Returns false when another reservation holds it already;
     * true when it was free or is held by this reservation.
     */
    boolean claim(String paymentId, ReservationId reservationId);
}
