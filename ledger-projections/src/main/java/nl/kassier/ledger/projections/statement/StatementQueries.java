package nl.kassier.ledger.projections.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.EventTableReader;
import org.springframework.stereotype.Component;

/** The statements as the ledger knew them at an instant, from the events recorded by then (never a read model). */
@Component
public class StatementQueries {

    private final EventTableReader events;

    public StatementQueries(EventTableReader events) {
        this.events = events;
    }

    public Statement regional(RegionCode region, int year, LocalDate on, Instant asOf) {
        StatementComputation.Law law = StatementComputation.Law.of(events.eventsUpTo(Regeling.ID, asOf));
        return regional(region, year, on, asOf, law);
    }

    public NationalStatement national(int year, LocalDate on, Instant asOf) {
        StatementComputation.Law law = StatementComputation.Law.of(events.eventsUpTo(Regeling.ID, asOf));
        List<Statement> regions = new ArrayList<>();
        for (Region region : Regions.all()) {
            regions.add(regional(region.code(), year, on, asOf, law));
        }
        return StatementComputation.national(year, on, asOf, law, regions);
    }

    private Statement regional(RegionCode region, int year, LocalDate on, Instant asOf, StatementComputation.Law law) {
        return StatementComputation.regional(
                region, year, on, asOf, law, events.eventsUpTo(new BudgetId(region, year).value(), asOf));
    }
}
