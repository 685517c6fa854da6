package nl.kassier.ledger.projections.asof;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.projections.budget.BudgetView;
import nl.kassier.ledger.projections.budget.ReservationView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Budgets and reservations as the ledger knew them at an instant, rebuilt from the events recorded up to that
 * instant (the chain's own {@code recorded_at}) and never from a read model, so that the answer equals, to the cent,
 * what the service answered then. The events are read through Axon's event store, with its serializer (and any
 * upcaster), and folded by the domain's own {@link ReservationState} and {@link HistoryEntry}, as the live read model
 * folds them. The legal date of such a view is the instant's date in Amsterdam.
 */
@Component
public class AsOfQueries {

    private final EventStore eventStore;
    private final EventTableReader events;

    public AsOfQueries(EventStore eventStore, EventTableReader events) {
        this.eventStore = eventStore;
        this.events = events;
    }

    public BudgetView budget(RegionCode region, int year, Instant asOf) {
        RegelingHistory law = RegelingHistory.of(amendmentsUpTo(asOf));
        LocalDate legalDate = LocalDate.ofInstant(asOf, LegalDates.ZONE);
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        String budgetId = new BudgetId(region, year).value();
        for (Replayed replayed : replay(budgetId, asOf, null).values()) {
            usage.merge(replayed.reserved.budgetType(), replayed.state.usage(), Usage::plus);
        }
        return BudgetView.compute(region, year, asOf, statusUpTo(budgetId, asOf), law, legalDate, usage);
    }

    /** Where the budget year stood at {@code asOf}: closed or settled by the events recorded by then. */
    private BudgetStatus statusUpTo(String budgetId, Instant asOf) {
        BudgetStatus[] status = {BudgetStatus.OPEN};
        eventsUpTo(budgetId, asOf, message -> {
            if (message.getPayload() instanceof BudgetClosed) {
                status[0] = BudgetStatus.CLOSED;
            } else if (message.getPayload() instanceof BudgetSettled) {
                status[0] = BudgetStatus.SETTLED;
            }
        });
        return status[0];
    }

    public Optional<ReservationView> reservation(ReservationId id, Instant asOf) {
        Replayed replayed = replay(id.budget().value(), asOf, id).get(id);
        return Optional.ofNullable(replayed).map(Replayed::view);
    }

    private List<Amendment> amendmentsUpTo(Instant asOf) {
        List<Amendment> amendments = new ArrayList<>();
        eventsUpTo(Regeling.ID, asOf, message -> {
            if (message.getPayload() instanceof AmendmentPublished published) {
                amendments.add(published.amendment());
            }
        });
        return amendments;
    }

    /** The reservations of a budget (or just {@code only}) after its events recorded up to {@code asOf}. */
    private Map<ReservationId, Replayed> replay(String budgetId, Instant asOf, ReservationId only) {
        Map<ReservationId, Replayed> reservations = new LinkedHashMap<>();
        eventsUpTo(budgetId, asOf, message -> {
            if (!(message.getPayload() instanceof ReservationEvent event)
                    || (only != null && !only.equals(event.reservationId()))) {
                return;
            }
            if (event instanceof BudgetReserved reserved) {
                reservations.put(event.reservationId(), new Replayed(reserved, message.getTimestamp()));
            }
            Replayed replayed = reservations.get(event.reservationId());
            if (replayed != null) {
                replayed.step(event, message.getTimestamp());
            }
        });
        return reservations;
    }

    /** Hands {@code consumer} the events of an aggregate recorded up to {@code asOf}, in order. */
    private void eventsUpTo(String aggregateId, Instant asOf, Consumer<DomainEventMessage<?>> consumer) {
        Optional<Long> last = events.lastSequenceUpTo(aggregateId, asOf);
        if (last.isEmpty()) {
            return;
        }
        // From the first event, never from a snapshot: a snapshot is the aggregate's state now, not then.
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > last.get()) {
                break;
            }
            consumer.accept(message);
        }
    }

    /** A reservation being replayed: the fold's state and the history it has so far. */
    private static final class Replayed {
        final BudgetReserved reserved;
        final Instant createdAt;
        ReservationState state;
        final List<ReservationView.Step> history = new ArrayList<>();

        Replayed(BudgetReserved reserved, Instant createdAt) {
            this.reserved = reserved;
            this.createdAt = createdAt;
            this.state = ReservationState.of(reserved);
        }

        void step(ReservationEvent event, Instant at) {
            state = state.after(event);
            history.add(new ReservationView.Step(at, event.actor().username(), HistoryEntry.of(event)));
        }

        ReservationView view() {
            Usage usage = state.usage();
            return new ReservationView(
                    reserved.reservationId().value(),
                    reserved.budget().region(),
                    reserved.budget().year(),
                    reserved.budgetType(),
                    reserved.menuItem(),
                    state.status(),
                    usage.requested(),
                    usage.reserved(),
                    usage.committed(),
                    usage.paid(),
                    reserved.candidateRef() == null
                            ? null
                            : reserved.candidateRef().value(),
                    reserved.actor().organisation(),
                    reserved.actor().username(),
                    reserved.date(),
                    createdAt,
                    List.copyOf(history));
        }
    }
}
