package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * A region's budget for a year: one line per cap in force, with what is drawn on it, and a line of its own for any
 * budget type with use that no cap in force covers any more.
 */
public record BudgetView(RegionCode region, int year, Instant asOf, BudgetStatus status, List<Line> lines) {

    /**
     * The budget's lines: for each cap line in force on {@code legalDate}, the region's allocation under it and the
     * sum of what its budget types draw. The one computation behind the live view and the as-of replay.
     */
    public static BudgetView compute(
            RegionCode region,
            int year,
            Instant asOf,
            BudgetStatus status,
            RegelingHistory law,
            LocalDate legalDate,
            Map<BudgetType, Usage> usage) {
        List<Line> lines = new ArrayList<>();
        Set<BudgetType> capped = EnumSet.noneOf(BudgetType.class);
        for (CapLine cap : law.caps(year, legalDate)) {
            capped.addAll(cap.budgets());
            Money allocation = law.allocations(year, cap.budgets(), legalDate).getOrDefault(region, Money.ZERO);
            Usage drawn = Usage.NONE;
            for (BudgetType type : cap.budgets()) {
                drawn = drawn.plus(usage.getOrDefault(type, Usage.NONE));
            }
            Money available = allocation.minus(drawn.total());
            lines.add(new Line(
                    cap.budgets(),
                    allocation,
                    drawn.requested(),
                    drawn.reserved(),
                    drawn.committed(),
                    drawn.paid(),
                    available,
                    available.isNegative(),
                    law.allocationAmendment(year, cap.budgets(), legalDate).orElse(cap.amendmentId())));
        }
        // Use left under no cap in force (an amendment split a merged cap and left the type out) does not vanish:
        // it is a line of its own with a cap of zero, overspent, as the Budget reports it.
        usage.forEach((type, drawn) -> {
            if (!capped.contains(type) && drawn.total().isPositive()) {
                lines.add(new Line(
                        List.of(type),
                        Money.ZERO,
                        drawn.requested(),
                        drawn.reserved(),
                        drawn.committed(),
                        drawn.paid(),
                        Money.ZERO.minus(drawn.total()),
                        true,
                        null));
            }
        });
        return new BudgetView(region, year, asOf, status, List.copyOf(lines));
    }

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
