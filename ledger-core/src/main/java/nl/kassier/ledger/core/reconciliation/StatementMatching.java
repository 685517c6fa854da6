package nl.kassier.ledger.core.reconciliation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.AmountDifference;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.Matched;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.Reason;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.UnmatchedEntry;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.UnmatchedPayment;

/**
 * The contract's matching, as a pure function of a statement and what the ledger knows. A booked debit entry matches
 * the payment whose id is its EndToEndId; the same id with another amount is an amount difference; a debit entry
 * without such a payment is unmatched on the bank side. A payment older than {@value #SETTLEMENT_BANKING_DAYS}
 * banking days before the statement's creation date that no imported statement shows is unmatched on the ledger side.
 * Credit entries, and entries the bank has not booked, are not the ledger's payments and are left alone.
 */
public final class StatementMatching {

    /** How many banking days the bank may take before a payment must show on a statement. */
    public static final int SETTLEMENT_BANKING_DAYS = 5;

    private StatementMatching() {}

    /**
     * Matches {@code statement} against {@code payments} (at least every payment an entry names and every payment
     * old enough to be missed) and {@code earlierEntries} (the payments earlier statements showed).
     */
    public static ReconciliationOutcome match(
            BankStatement statement, Collection<LedgerPayment> payments, Collection<EarlierEntry> earlierEntries) {
        Map<String, LedgerPayment> byId = new HashMap<>();
        for (LedgerPayment payment : payments) {
            byId.put(payment.paymentId(), payment);
        }
        Set<String> shownBefore = new HashSet<>();
        for (EarlierEntry entry : earlierEntries) {
            shownBefore.add(entry.paymentId());
        }
        List<Matched> matched = new ArrayList<>();
        List<AmountDifference> differences = new ArrayList<>();
        List<UnmatchedEntry> unmatchedBank = new ArrayList<>();
        Set<String> shownNow = new HashSet<>();
        for (StatementEntry entry : statement.entries()) {
            if (!entry.isBookedDebit()) {
                continue;
            }
            if (!entry.hasEndToEndId()) {
                unmatchedBank.add(unmatched(entry, Reason.NO_END_TO_END_ID));
                continue;
            }
            LedgerPayment payment = byId.get(entry.endToEndId());
            if (payment == null) {
                unmatchedBank.add(unmatched(entry, Reason.UNKNOWN_PAYMENT));
            } else if (shownBefore.contains(payment.paymentId())) {
                unmatchedBank.add(unmatched(entry, Reason.ON_EARLIER_STATEMENT));
            } else if (!shownNow.add(payment.paymentId())) {
                unmatchedBank.add(unmatched(entry, Reason.REPEATED_ON_STATEMENT));
            } else if (entry.amount().equals(payment.amount())) {
                matched.add(new Matched(
                        payment.paymentId(),
                        payment.reservationId(),
                        entry.entryReference(),
                        entry.amount(),
                        entry.bookingDate()));
            } else {
                differences.add(new AmountDifference(
                        payment.paymentId(),
                        payment.reservationId(),
                        entry.entryReference(),
                        entry.amount(),
                        payment.amount(),
                        entry.bookingDate()));
            }
        }
        LocalDate cutoff = settlementCutoff(statement.creationDate());
        List<UnmatchedPayment> unmatchedLedger = byId.values().stream()
                .filter(p -> p.date() != null && p.date().isBefore(cutoff))
                .filter(p -> !shownNow.contains(p.paymentId()) && !shownBefore.contains(p.paymentId()))
                .sorted(Comparator.comparing(LedgerPayment::date).thenComparing(LedgerPayment::paymentId))
                .map(p -> new UnmatchedPayment(p.paymentId(), p.reservationId(), p.amount(), p.date()))
                .toList();
        return new ReconciliationOutcome(matched, differences, unmatchedBank, unmatchedLedger);
    }

    /**
     * The earliest payment date that is not yet overdue on a statement created on {@code creationDate}: a payment
     * dated before it lies more than {@value #SETTLEMENT_BANKING_DAYS} banking days (Monday to Friday) before the
     * statement. Counted back from the creation date itself, so {@code [cutoff, creationDate]} holds exactly
     * {@code SETTLEMENT_BANKING_DAYS + 1} banking days. Public holidays are not known to the ledger and count as
     * banking days, which only makes the check stricter.
     */
    public static LocalDate settlementCutoff(LocalDate creationDate) {
        LocalDate day = creationDate;
        int counted = 0;
        while (true) {
            if (isBankingDay(day)) {
                counted++;
                if (counted > SETTLEMENT_BANKING_DAYS) {
                    return day;
                }
            }
            day = day.minusDays(1);
        }
    }

    static boolean isBankingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static UnmatchedEntry unmatched(StatementEntry entry, Reason reason) {
        return new UnmatchedEntry(
                entry.entryReference(),
                entry.hasEndToEndId() ? entry.endToEndId() : null,
                entry.amount(),
                entry.bookingDate(),
                reason);
    }
}
