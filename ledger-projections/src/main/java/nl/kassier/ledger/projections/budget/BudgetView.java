package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.util.List;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/** A region's budget for a year: one line per cap in force, with what is drawn on it. */
public record BudgetView(RegionCode region, int year, Instant asOf, List<Line> lines) {

    /** One cap line: the region's allocation under it ({@code cap}) and what is drawn. */
    public record Line(
            List<BudgetType> budgets,
            Money cap,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money available,
            boolean overspent,
            String amendmentId) {}
}
