package nl.kassier.ledger.projections.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/**
 * The national figures for a budget year: per cap line the national cap, the sum of the regions' allocations under it
 * ({@code allocated}) and the sums of the regional figures, and each region's own statement. The position and hash are
 * those of the last event counted in any region.
 */
public record NationalStatement(
        int year,
        LocalDate on,
        Instant asOf,
        long position,
        String chainHead,
        List<Line> lines,
        OpenDiscrepancies.Summary openDiscrepancies,
        List<Statement> regions) {

    /** One national cap line: {@code available} is the sum of the regions' available. */
    public record Line(
            List<BudgetType> budgets,
            Money cap,
            Money allocated,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money released,
            Money available,
            boolean overspent,
            List<Statement.ByBudgetType> byBudgetType,
            List<Statement.PaidInYear> paidByYear)
            implements LineFigures {}
}
