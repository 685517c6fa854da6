package nl.kassier.ledger.projections.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An imported statement in short, as the kassier lists them: the statement, when and by whom it was imported, how many
 * transactions it holds ({@code entries}), and how many items each of the four lists of its report holds.
 */
public record ReconciliationSummary(
        String id,
        String statementId,
        String account,
        LocalDate creationDate,
        Instant importedAt,
        String importedBy,
        int entries,
        int matched,
        int amountDifferences,
        int unmatchedBank,
        int unmatchedLedger) {}
