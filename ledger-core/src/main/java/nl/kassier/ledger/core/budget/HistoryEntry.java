package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;

/**
 * One step in a reservation's history as a reader sees it: what happened, for how much, on which legal date, what it
 * freed again, and the step's own particulars (a reason, a reference, a payment id and invoice, what a bank statement
 * said, summed up in {@code detail}). The one rendering of each event, for the read model and for a replay as of an
 * instant.
 *
 * @param date the step's legal date ({@link ReservationEvent#date()}), not the day it was recorded
 * @param released what the step freed again under the cap, where it frees something (a commitment below the
 *     reservation, a rejection, a release)
 */
public record HistoryEntry(
        Step type,
        Money amount,
        LocalDate date,
        Money released,
        String reason,
        String reference,
        String paymentId,
        String invoiceRef,
        String detail) {

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
            return plain(step, reserved.amount(), reserved.date());
        }
        if (event instanceof ReservationApproved approved) {
            return plain(Step.APPROVED, approved.amount(), approved.date());
        }
        if (event instanceof ReservationRejected rejected) {
            String reason = text(rejected.reason());
            return new HistoryEntry(
                    Step.REJECTED,
                    rejected.released(),
                    rejected.date(),
                    rejected.released(),
                    reason,
                    null,
                    null,
                    null,
                    reason);
        }
        if (event instanceof ReservationCommitted committed) {
            String reference =
                    committed.reference() == null ? null : committed.reference().value();
            return new HistoryEntry(
                    Step.COMMITTED,
                    committed.amount(),
                    committed.date(),
                    committed.released(),
                    null,
                    reference,
                    null,
                    null,
                    reference);
        }
        if (event instanceof PaymentRegistered payment) {
            String paymentId = payment.paymentId().value();
            return new HistoryEntry(
                    Step.PAID,
                    payment.amount(),
                    payment.date(),
                    null,
                    null,
                    null,
                    paymentId,
                    payment.invoiceRef() == null ? null : payment.invoiceRef().value(),
                    paymentId);
        }
        if (event instanceof ReservationReleased released) {
            String reason = text(released.reason());
            return new HistoryEntry(
                    Step.RELEASED,
                    released.released(),
                    released.date(),
                    released.released(),
                    reason,
                    null,
                    null,
                    null,
                    reason);
        }
        if (event instanceof PaymentSettled settled) {
            return new HistoryEntry(
                    Step.SETTLED,
                    settled.amount(),
                    settled.date(),
                    null,
                    null,
                    null,
                    settled.paymentId().value(),
                    null,
                    settled(settled));
        }
        if (event instanceof PaymentDiscrepancyFound discrepancy) {
            return new HistoryEntry(
                    Step.DISCREPANCY,
                    discrepancy.bankAmount(),
                    discrepancy.date(),
                    null,
                    null,
                    null,
                    discrepancy.paymentId().value(),
                    null,
                    discrepancy(discrepancy));
        }
        throw new IllegalArgumentException("not a step of a reservation: " + event);
    }

    private static HistoryEntry plain(Step step, Money amount, LocalDate date) {
        return new HistoryEntry(step, amount, date, null, null, null, null, null, null);
    }

    private static String text(Reason reason) {
        return reason == null ? null : reason.value();
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
