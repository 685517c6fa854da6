package nl.kassier.ledger.core.reconciliation;

import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.shared.Money;

/**
 * What a statement showed against the ledger's payments: debit entries that match a payment, entries of a payment
 * for another amount, debit entries the ledger cannot place, and payments that no statement has shown in time.
 */
public record ReconciliationOutcome(
        List<Matched> matched,
        List<AmountDifference> amountDifferences,
        List<UnmatchedEntry> unmatchedBank,
        List<UnmatchedPayment> unmatchedLedger) {

    public ReconciliationOutcome {
        matched = List.copyOf(matched);
        amountDifferences = List.copyOf(amountDifferences);
        unmatchedBank = List.copyOf(unmatchedBank);
        unmatchedLedger = List.copyOf(unmatchedLedger);
    }

    /** A debit entry whose EndToEndId and amount are those of a registered payment: the payment is settled. */
    public record Matched(
            String paymentId,
            ReservationId reservationId,
            String entryReference,
            Money amount,
            LocalDate bookingDate) {}

    /** A debit entry with a payment's EndToEndId but another amount: a discrepancy the kassier must resolve. */
    public record AmountDifference(
            String paymentId,
            ReservationId reservationId,
            String entryReference,
            Money bankAmount,
            Money ledgerAmount,
            LocalDate bookingDate) {

        /** What the bank debited more (positive) or less (negative) than the ledger paid. */
        public Money difference() {
            return bankAmount.minus(ledgerAmount);
        }
    }

    /** A debit entry the ledger cannot place on a payment, and why. */
    public record UnmatchedEntry(
            String entryReference, String endToEndId, Money amount, LocalDate bookingDate, Reason reason) {}

    /** Why a debit entry matches no payment. */
    public enum Reason {
        /** The entry carries no EndToEndId (or SEPA's {@code NOTPROVIDED}). */
        NO_END_TO_END_ID,
        /** No payment with that id was registered. */
        UNKNOWN_PAYMENT,
        /** The payment was already found on a statement imported before: a second debit, or the same one twice. */
        ON_EARLIER_STATEMENT,
        /** An earlier entry of this statement already carries that payment's id. */
        REPEATED_ON_STATEMENT
    }

    /** A payment older than the settlement period that no imported statement has shown. */
    public record UnmatchedPayment(String paymentId, ReservationId reservationId, Money amount, LocalDate date) {}
}
