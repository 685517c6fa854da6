package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * A reservation as it stands, with what it draws in each column, its payments' open discrepancies
 * ({@link OpenDiscrepancies}) and its history. {@code candidateRef} is the candidate's pseudonym, opened from the sealed
 * personal data; null for a reservation without a candidate, and once the candidate is {@code erased}.
 */
public record ReservationView(
        String id,
        RegionCode region,
        int year,
        BudgetType budget,
        MenuItem menuItem,
        ReservationStatus status,
        Money requested,
        Money reserved,
        Money committed,
        Money paid,
        String candidateRef,
        boolean erased,
        String organisation,
        String requestedBy,
        LocalDate date,
        Instant createdAt,
        OpenDiscrepancies.Summary openDiscrepancies,
        List<Step> history) {

    /** One event in the life of a reservation: when it was recorded, by whom, and what it was. */
    public record Step(Instant at, String actor, HistoryEntry entry) {}
}
