package nl.kassier.ledger.projections.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import nl.kassier.ledger.projections.asof.BudgetReplay;
import nl.kassier.ledger.projections.asof.RegelingReplay;
import nl.kassier.ledger.projections.budget.BudgetView;
import org.springframework.stereotype.Component;

/**
 * The monitor as the ledger knows it now: each region's budgets replayed from their events and cut at the period's
 * end, never from a read model, so that its figures are those of the budgets and the statements.
 */
@Component
public class MonitorQueries {

    private final AsOfQueries asOf;
    private final Clock clock;

    public MonitorQueries(AsOfQueries asOf, Clock clock) {
        this.asOf = asOf;
        this.clock = clock;
    }

    /** The monitor of {@code period} of {@code year} for {@code regions}, counting budgets from {@code firstYear}. */
    public Monitor monitor(int year, int period, List<RegionCode> regions, int firstYear) {
        Instant now = clock.instant();
        LocalDate from = Monitor.from(year, period);
        LocalDate to = Monitor.to(year, period);
        RegelingHistory law = RegelingReplay.of(asOf.eventsUpTo(Regeling.ID, now));
        List<Monitor.RegionFigures> figures = new ArrayList<>();
        for (RegionCode region : regions) {
            List<BudgetReplay> budgets = new ArrayList<>();
            BudgetReplay ofTheYear = null;
            for (int y = firstYear; y <= year; y++) {
                BudgetReplay replay = BudgetReplay.of(asOf.eventsUpTo(new BudgetId(region, y).value(), now), to);
                budgets.add(replay);
                if (y == year) {
                    ofTheYear = replay;
                }
            }
            BudgetView view = BudgetView.compute(region, year, now, ofTheYear.status(), law, to, ofTheYear.usage());
            figures.add(Monitor.of(region, budgets, view, from, to));
        }
        return new Monitor(year, period, from, to, now, List.copyOf(figures));
    }
}
