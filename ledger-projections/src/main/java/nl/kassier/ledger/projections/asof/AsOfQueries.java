package nl.kassier.ledger.projections.asof;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.projections.budget.BudgetView;
import nl.kassier.ledger.projections.budget.ReservationView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Budgets and reservations as the ledger knew them at an instant, rebuilt from the events recorded up to that
 * instant (the chain's own {@code recorded_at}) and never from a read model, so that the answer equals, to the cent,
 * what the service answered then. The events are read through Axon's event store, with its serializer and upcasters,
 * and folded by {@link BudgetReplay}; a budget's figures from its latest {@link ReplayCheckpoints checkpoint} on,
 * the same fold stopped at an earlier event. The legal date of such a view is the instant's date in Amsterdam,
 * unless another is asked for.
 */
@Component
public class AsOfQueries {

    private final EventStore eventStore;
    private final EventTableReader events;
    private final PersonalDataVault vault;
    private final ReplayCheckpoints checkpoints;

    public AsOfQueries(
            EventStore eventStore, EventTableReader events, PersonalDataVault vault, ReplayCheckpoints checkpoints) {
        this.eventStore = eventStore;
        this.events = events;
        this.vault = vault;
        this.checkpoints = checkpoints;
    }

    public BudgetView budget(RegionCode region, int year, Instant asOf) {
        return budget(region, year, asOf, null);
    }

    /**
     * The budget on both clocks: as the ledger knew it at {@code asOf} (the events recorded by then), and as the law
     * stood on {@code on} (only steps dated on or before that day, under the amendments in force on it; {@code null}:
     * the day of {@code asOf}).
     */
    public BudgetView budget(RegionCode region, int year, Instant asOf, LocalDate on) {
        RegelingHistory law = RegelingReplay.of(eventsUpTo(Regeling.ID, asOf));
        LocalDate legalDate = on != null ? on : LocalDate.ofInstant(asOf, LegalDates.ZONE);
        String budget = new BudgetId(region, year).value();
        Optional<Long> last = events.lastSequenceUpTo(budget, asOf);
        BudgetReplay replay =
                last.isEmpty() ? BudgetReplay.of(List.of(), on) : checkpoints.replay(budget, last.get(), on);
        return BudgetView.compute(region, year, asOf, replay.status(), law, legalDate, replay.usage());
    }

    public Optional<ReservationView> reservation(ReservationId id, Instant asOf) {
        return BudgetReplay.of(eventsUpTo(id.budget().value(), asOf), null)
                .reservation(id)
                .map(reservation -> reservation.view(vault));
    }

    /** The events of an aggregate recorded up to {@code asOf}, in order. */
    public List<DomainEventMessage<?>> eventsUpTo(String aggregateId, Instant asOf) {
        Optional<Long> last = events.lastSequenceUpTo(aggregateId, asOf);
        return last.isEmpty() ? List.of() : eventsThrough(aggregateId, last.get());
    }

    /** The events of an aggregate from its first up to sequence number {@code last}, in order. */
    public List<DomainEventMessage<?>> eventsThrough(String aggregateId, long last) {
        return ReplayCheckpoints.read(eventStore, aggregateId, 0L, last);
    }
}
