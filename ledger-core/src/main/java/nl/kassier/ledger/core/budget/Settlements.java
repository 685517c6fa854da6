package nl.kassier.ledger.core.budget;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What imported bank statements said of a budget's payments: every statement entry recorded against a payment, and
 * the one entry that settled each payment. A statement entry seen before changes nothing; a payment that one entry
 * settled cannot be settled by another, for the bank does not pay one payment twice.
 */
final class Settlements {

    /** One entry of one imported statement that showed a payment. */
    record Sighting(PaymentId paymentId, String reconciliationId, String entryReference) {

        @Override
        public String toString() {
            return reconciliationId + "/" + entryReference;
        }
    }

    private final Set<Sighting> seen = new HashSet<>();
    private final Set<Sighting> settling = new HashSet<>();

    boolean hasSeen(Sighting sighting) {
        return seen.contains(sighting);
    }

    /** The entry that settled {@code paymentId}, if one did. */
    Optional<Sighting> settledBy(PaymentId paymentId) {
        return settling.stream().filter(s -> s.paymentId().equals(paymentId)).findFirst();
    }

    void settled(PaymentSettled event) {
        Sighting sighting = new Sighting(event.paymentId(), event.reconciliationId(), event.entryReference());
        seen.add(sighting);
        settling.add(sighting);
    }

    void differed(PaymentDiscrepancyFound event) {
        seen.add(new Sighting(event.paymentId(), event.reconciliationId(), event.entryReference()));
    }
}
