package nl.kassier.ledger.projections.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.ChainPoint;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/** The statements as the ledger knew them at an instant, from the events recorded by then (never a read model). */
@Component
public class StatementQueries {

    private final AsOfQueries asOf;
    private final EventTableReader events;

    public StatementQueries(AsOfQueries asOf, EventTableReader events) {
        this.asOf = asOf;
        this.events = events;
    }

    public Statement regional(RegionCode region, int year, LocalDate on, Instant at) {
        return regional(region, year, on, at, law(at));
    }

    public NationalStatement national(int year, LocalDate on, Instant at) {
        StatementComputation.Law law = law(at);
        List<Statement> regions = new ArrayList<>();
        for (Region region : Regions.all()) {
            regions.add(regional(region.code(), year, on, at, law));
        }
        return StatementComputation.national(year, on, at, law, regions);
    }

    private StatementComputation.Law law(Instant at) {
        Optional<EventTableReader.LastEvent> last = events.lastUpTo(Regeling.ID, at);
        return StatementComputation.Law.of(read(Regeling.ID, last), point(last));
    }

    private Statement regional(RegionCode region, int year, LocalDate on, Instant at, StatementComputation.Law law) {
        String budget = new BudgetId(region, year).value();
        Optional<EventTableReader.LastEvent> last = events.lastUpTo(budget, at);
        return StatementComputation.regional(region, year, on, at, law, read(budget, last), point(last));
    }

    /** The aggregate's events up to its last one as of the statement's instant, and no further: the point covers them. */
    private List<DomainEventMessage<?>> read(String aggregateId, Optional<EventTableReader.LastEvent> last) {
        return last.isEmpty()
                ? List.of()
                : asOf.eventsThrough(aggregateId, last.get().sequence());
    }

    private static ChainPoint point(Optional<EventTableReader.LastEvent> last) {
        return last.map(EventTableReader.LastEvent::point).orElse(null);
    }
}
