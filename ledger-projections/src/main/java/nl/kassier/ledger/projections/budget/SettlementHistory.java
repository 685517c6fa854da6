package nl.kassier.ledger.projections.budget;

import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentSettled;

/**
 * How a reservation's history shows what a bank statement said of its payments, the same in the live read model and
 * in a replay as of an instant.
 */
public final class SettlementHistory {

    public static final String SETTLED = "SETTLED";
    public static final String DISCREPANCY = "DISCREPANCY";

    private SettlementHistory() {}

    /** {@code PAY-0001 on statement 2022-08-12, entry 2022081200042}. */
    public static String detail(PaymentSettled event) {
        return event.paymentId().value() + " on statement " + event.statementId() + ", entry " + event.entryReference();
    }

    /** {@code PAY-0001: the bank debited 1000.01, the ledger paid 1000.00; statement 2022-08-12, entry 42}. */
    public static String detail(PaymentDiscrepancyFound event) {
        return event.paymentId().value() + ": the bank debited "
                + event.bankAmount().toPlainString() + ", the ledger paid "
                + event.ledgerAmount().toPlainString() + "; statement " + event.statementId() + ", entry "
                + event.entryReference();
    }
}
