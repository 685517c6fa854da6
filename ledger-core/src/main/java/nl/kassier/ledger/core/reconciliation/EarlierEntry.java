package nl.kassier.ledger.core.reconciliation;

import java.util.Objects;

/** A payment already found on a statement imported before: which reconciliation, which entry. */
public record EarlierEntry(String paymentId, String reconciliationId, String entryReference) {

    public EarlierEntry {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(entryReference, "entryReference");
    }
}
