package nl.kassier.ledger.core.reconciliation;

/** Which way money moved on the kassier's account: ISO 20022's {@code CdtDbtInd} ({@code CRDT} or {@code DBIT}). */
public enum CreditDebit {
    CREDIT,
    DEBIT
}
