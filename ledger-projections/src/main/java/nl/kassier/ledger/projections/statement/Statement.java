package nl.kassier.ledger.projections.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * A region's final figures for a budget year, on a legal date ({@code on}) as the ledger knew them at {@code asOf}
 * (absent when drawn from an export), with the position and hash of the last event it read (the budget's or the
 * regeling's, recorded by {@code asOf}; steps dated after {@code on} among them are read but not counted): the chain
 * covers everything before it, so the statement can be checked against an export.
 *
 * <p>For every line {@code cap = requested + reserved + committed + paid + available}; {@code released} is what was
 * freed again (rejections, releases, commitments below the reservation, the closing). {@code openDiscrepancies}: the
 * payments a bank statement showed for another amount that no later payment, release or statement has settled, and
 * the sum of their differences (what the bank debited minus what the ledger paid).
 */
public record Statement(
        RegionCode region,
        int year,
        LocalDate on,
        Instant asOf,
        BudgetStatus status,
        long position,
        String chainHead,
        List<Line> lines,
        Map<ReservationStatus, Integer> reservations,
        OpenDiscrepancies.Summary openDiscrepancies) {

    /** One cap line of the budget, with the split by budget type inside it and what was paid in which year. */
    public record Line(
            List<BudgetType> budgets,
            Money cap,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money released,
            Money available,
            boolean overspent,
            List<ByBudgetType> byBudgetType,
            List<PaidInYear> paidByYear)
            implements LineFigures {}

    /** What one budget type inside a line draws and freed again. */
    public record ByBudgetType(
            BudgetType budget, Money requested, Money reserved, Money committed, Money paid, Money released) {}

    /** What was paid with a legal date in {@code year}. */
    public record PaidInYear(int year, Money amount) {}
}
