package nl.kassier.ledger.projections.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome;
import nl.kassier.ledger.core.reconciliation.StatementImported;
import nl.kassier.ledger.core.shared.Money;

/**
 * The report of one imported statement, as the contract shows it: the statement, how many transactions it holds
 * ({@code entries}), and the four lists of the matching.
 */
public record ReconciliationReport(
        String id,
        String statementId,
        String account,
        LocalDate creationDate,
        Instant importedAt,
        String importedBy,
        int entries,
        List<Matched> matched,
        List<AmountDifference> amountDifferences,
        List<UnmatchedBank> unmatchedBank,
        List<UnmatchedLedger> unmatchedLedger) {

    public ReconciliationReport {
        matched = List.copyOf(matched);
        amountDifferences = List.copyOf(amountDifferences);
        unmatchedBank = List.copyOf(unmatchedBank);
        unmatchedLedger = List.copyOf(unmatchedLedger);
    }

    /** A payment the statement shows for its amount. */
    public record Matched(
            String paymentId, String reservationId, String entryReference, Money amount, LocalDate bookingDate) {}

    /** A payment the statement shows for another amount; {@code difference} is bank minus ledger. */
    public record AmountDifference(
            String paymentId,
            String reservationId,
            String entryReference,
            Money bankAmount,
            Money ledgerAmount,
            Money difference,
            LocalDate bookingDate) {}

    /** A debit entry that matches no payment, and why. */
    public record UnmatchedBank(
            String entryReference, String endToEndId, Money amount, LocalDate bookingDate, String reason) {}

    /** A payment more than five banking days old that no statement has shown. */
    public record UnmatchedLedger(String paymentId, String reservationId, Money amount, LocalDate date) {}

    /** The report of {@code event}, recorded at {@code at}. */
    public static ReconciliationReport of(StatementImported event, Instant at) {
        ReconciliationOutcome outcome = event.outcome();
        return new ReconciliationReport(
                event.reconciliationId(),
                event.statement().statementId(),
                event.statement().account(),
                event.statement().creationDate(),
                at,
                event.actor().username(),
                event.statement().entries().size(),
                outcome.matched().stream()
                        .map(m -> new Matched(
                                m.paymentId(),
                                m.reservationId().value(),
                                m.entryReference(),
                                m.amount(),
                                m.bookingDate()))
                        .toList(),
                outcome.amountDifferences().stream()
                        .map(d -> new AmountDifference(
                                d.paymentId(),
                                d.reservationId().value(),
                                d.entryReference(),
                                d.bankAmount(),
                                d.ledgerAmount(),
                                d.difference(),
                                d.bookingDate()))
                        .toList(),
                outcome.unmatchedBank().stream()
                        .map(u -> new UnmatchedBank(
                                u.entryReference(),
                                u.endToEndId(),
                                u.amount(),
                                u.bookingDate(),
                                u.reason().name()))
                        .toList(),
                outcome.unmatchedLedger().stream()
                        .map(u -> new UnmatchedLedger(
                                u.paymentId(), u.reservationId().value(), u.amount(), u.date()))
                        .toList());
    }
}
