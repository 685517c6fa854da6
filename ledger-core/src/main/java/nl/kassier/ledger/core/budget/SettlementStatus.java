package nl.kassier.ledger.core.budget;

/** What the latest imported bank statement that showed a payment said of it. */
public enum SettlementStatus {
    /** The bank debited the payment for its amount ({@link PaymentSettled}). */
    SETTLED,
    /** The bank debited the payment for another amount ({@link PaymentDiscrepancyFound}). */
    DISCREPANCY
}
