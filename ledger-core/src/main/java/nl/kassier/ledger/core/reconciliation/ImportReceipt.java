package nl.kassier.ledger.core.reconciliation;

/** The answer to an import: the reconciliation, and whether this import recorded it or found it recorded before. */
public record ImportReceipt(String reconciliationId, boolean recorded) {}
