package nl.kassier.ledger.core.budget;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Money;

/**
 * The discrepancies of a reservation's payments that the kassier still has to resolve: the one definition, folded
 * over the reservation's events beside {@link ReservationState}, for the read models and for a replay as of an instant
 * alike.
 *
 * <p>A bank statement that shows a payment for another amount than the ledger registered ({@link
 * PaymentDiscrepancyFound}) opens a discrepancy of that payment. It is open until one of these follows it:
 *
 * <ul>
 *   <li>a payment is registered on the reservation: the correcting payment (any payment after the discrepancy, of
 *       whatever amount, resolves every discrepancy open on the reservation);
 *   <li>the reservation is released, or closed (released after something was paid);
 *   <li>a later statement shows the payment for its amount ({@link PaymentSettled}): then the latest the bank said of
 *       it is that it is settled.
 * </ul>
 *
 * A discrepancy found on a reservation that is released or closed already stays in its history and in the payment's
 * settlement, but is not open: nothing can be paid or freed on the reservation any more.
 *
 * @param differences the open discrepancies by payment, in the order they were found: what the bank debited minus what
 *     the ledger paid
 * @param released whether the reservation is released or closed, so that no discrepancy opens on it any more
 */
public record OpenDiscrepancies(Map<PaymentId, Money> differences, boolean released) {

    /** A reservation without open discrepancies that can still have some. */
    public static final OpenDiscrepancies NONE = new OpenDiscrepancies(Map.of(), false);

    public OpenDiscrepancies {
        Objects.requireNonNull(differences, "differences");
        differences = Collections.unmodifiableMap(new LinkedHashMap<>(differences));
        if (released && !differences.isEmpty()) {
            throw new IllegalArgumentException("a released reservation has no open discrepancies: " + differences);
        }
    }

    /**
     * The open discrepancies of a reservation as a read model keeps them: its status, and the differences of its
     * payments whose discrepancy is open.
     */
    public static OpenDiscrepancies of(ReservationStatus status, Map<PaymentId, Money> differences) {
        boolean released = status == ReservationStatus.RELEASED || status == ReservationStatus.CLOSED;
        return new OpenDiscrepancies(released ? Map.of() : differences, released);
    }

    /** The open discrepancies after {@code event}, one of this reservation's own. */
    public OpenDiscrepancies after(ReservationEvent event) {
        if (event instanceof PaymentDiscrepancyFound found) {
            if (released) {
                return this;
            }
            Map<PaymentId, Money> next = new LinkedHashMap<>(differences);
            next.put(found.paymentId(), found.bankAmount().minus(found.ledgerAmount()));
            return new OpenDiscrepancies(next, false);
        }
        if (event instanceof PaymentSettled settled) {
            if (!differences.containsKey(settled.paymentId())) {
                return this;
            }
            Map<PaymentId, Money> next = new LinkedHashMap<>(differences);
            next.remove(settled.paymentId());
            return new OpenDiscrepancies(next, released);
        }
        if (event instanceof PaymentRegistered) {
            return differences.isEmpty() ? this : NONE;
        }
        if (event instanceof ReservationReleased) {
            return new OpenDiscrepancies(Map.of(), true);
        }
        return this;
    }

    /** Whether {@code paymentId}'s discrepancy is open. */
    public boolean isOpen(PaymentId paymentId) {
        return differences.containsKey(paymentId);
    }

    /** How many discrepancies are open, and the sum of their differences. */
    public Summary summary() {
        Money difference = Money.ZERO;
        for (Money each : differences.values()) {
            difference = difference.plus(each);
        }
        return new Summary(differences.size(), difference);
    }

    /**
     * How many of a reservation's payments have an open discrepancy, and the sum of their differences (what the bank
     * debited minus what the ledger paid: positive when the bank paid out more).
     */
    public record Summary(int count, Money difference) {

        public static final Summary NONE = new Summary(0, Money.ZERO);

        public Summary {
            Objects.requireNonNull(difference, "difference");
            if (count < 0) {
                throw new IllegalArgumentException("a count is never negative: " + count);
            }
        }
    }
}
