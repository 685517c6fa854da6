package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Money;

/**
 * One step in a reservation's history as a reader sees it: what happened, for how much, and the step's own detail
 * (a reason, a reference, a payment id, what a bank statement said). The one rendering of each event, for the read
 * model and for a replay as of an instant.
 */
public record HistoryEntry(Step type, Money amount, String detail) {

    /** The kinds of step in a reservation's history. */
    public enum Step {
        REQUESTED,
        RESERVED,
        APPROVED,
        REJECTED,
        COMMITTED,
        PAID,
        SETTLED,
        DISCREPANCY,
        RELEASED
    }

    public static HistoryEntry of(ReservationEvent event) {
        if (event instanceof BudgetReserved reserved) {
            Step step = reserved.status() == ReservationStatus.RESERVED ? Step.RESERVED : Step.REQUESTED;
            return new HistoryEntry(step, reserved.amount(), null);
        }
        if (event instanceof ReservationApproved approved) {
            return new HistoryEntry(Step.APPROVED, approved.amount(), null);
        }
        if (event instanceof ReservationRejected rejected) {
            return new HistoryEntry(
                    Step.REJECTED,
                    rejected.released(),
                    rejected.reason() == null ? null : rejected.reason().value());
        }
        if (event instanceof ReservationCommitted committed) {
            return new HistoryEntry(
                    Step.COMMITTED,
                    committed.amount(),
                    committed.reference() == null ? null : committed.reference().value());
        }
        if (event instanceof PaymentRegistered payment) {
            return new HistoryEntry(
                    Step.PAID, payment.amount(), payment.paymentId().value());
        }
        if (event instanceof ReservationReleased released) {
            return new HistoryEntry(
                    Step.RELEASED,
                    released.released(),
                    released.reason() == null ? null : released.reason().value());
        }
        if (event instanceof PaymentSettled settled) {
            return new HistoryEntry(Step.SETTLED, settled.amount(), settled(settled));
        }
        if (event instanceof PaymentDiscrepancyFound discrepancy) {
            return new HistoryEntry(Step.DISCREPANCY, discrepancy.bankAmount(), discrepancy(discrepancy));
        }
        throw new IllegalArgumentException("not a step of a reservation: " + event);
    }

    /** {@code PAY-0001 on statement 2022-08-12, entry 2022081200042}. */
    private static String settled(PaymentSettled event) {
        return event.paymentId().value() + " on statement " + event.statementId() + ", entry " + event.entryReference();
    }

    /** {@code PAY-0001: the bank debited 1000.01, the ledger paid 1000.00; statement 2022-08-12, entry 42}. */
    private static String discrepancy(PaymentDiscrepancyFound event) {
        return event.paymentId().value() + ": the bank debited "
                + event.bankAmount().toPlainString()
                + ", the ledger paid " + event.ledgerAmount().toPlainString() + "; statement "
                + event.statementId() + ", entry " + event.entryReference();
    }
}
