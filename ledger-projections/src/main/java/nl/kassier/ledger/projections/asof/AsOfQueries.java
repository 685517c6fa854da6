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
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
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
 * upcaster), and folded by the domain's own {@link ReservationState}, {@link HistoryEntry} and {@link
 * OpenDiscrepancies}, as the live read model folds them. The legal date of such a view is the instant's date in Amsterdam.
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
        return budget(region, year, asOf, null);
    }

    /**
     * The budget on both clocks: as the ledger knew it at {@code asOf} (the events recorded by then), and as the law
     * stood on {@code on} (only steps dated on or before that day, under the amendments in force on it; {@code null}:
     * the day of {@code asOf}). A reservation counts up to its first step dated after {@code on}, so that its figures
     * are always those of a life it really had: a melding dated later does not count at all.
     */
    public BudgetView budget(RegionCode region, int year, Instant asOf, LocalDate on) {
        RegelingHistory law = RegelingHistory.of(amendmentsUpTo(asOf));
        LocalDate legalDate = on != null ? on : LocalDate.ofInstant(asOf, LegalDates.ZONE);
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        BudgetStatus[] status = {BudgetStatus.OPEN};
        Map<ReservationId, Replayed> reservations = new LinkedHashMap<>();
        eventsUpTo(new BudgetId(region, year).value(), asOf, message -> {
            Object payload = message.getPayload();
            if (payload instanceof ReservationEvent event) {
                step(reservations, event, message.getTimestamp(), on);
            } else if (payload instanceof BudgetClosed closed && !after(closed.date(), on)) {
                status[0] = BudgetStatus.CLOSED;
            } else if (payload instanceof BudgetSettled settled && !after(settled.date(), on)) {
                status[0] = BudgetStatus.SETTLED;
            }
        });
        for (Replayed replayed : reservations.values()) {
            usage.merge(replayed.reserved.budgetType(), replayed.state.usage(), Usage::plus);
        }
        return BudgetView.compute(region, year, asOf, status[0], law, legalDate, usage);
    }

    private static boolean after(LocalDate date, LocalDate on) {
        return on != null && date != null && date.isAfter(on);
    }

    /** Applies {@code event} to its reservation, unless the reservation's life has stopped at {@code on}. */
    private static void step(
            Map<ReservationId, Replayed> reservations, ReservationEvent event, Instant at, LocalDate on) {
        if (event instanceof BudgetReserved reserved) {
            if (!after(reserved.date(), on)) {
                reservations.put(event.reservationId(), new Replayed(reserved, at));
            }
        }
        Replayed replayed = reservations.get(event.reservationId());
        if (replayed == null || replayed.stopped) {
            return;
        }
        if (after(event.date(), on)) {
            replayed.stopped = true;
            return;
        }
        replayed.step(event, at);
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
            if (message.getPayload() instanceof ReservationEvent event
                    && (only == null || only.equals(event.reservationId()))) {
                step(reservations, event, message.getTimestamp(), null);
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
        OpenDiscrepancies open = OpenDiscrepancies.NONE;
        /** Whether a step dated after the legal date of the view ended its life there. */
        boolean stopped;

        final List<ReservationView.Step> history = new ArrayList<>();

        Replayed(BudgetReserved reserved, Instant createdAt) {
            this.reserved = reserved;
            this.createdAt = createdAt;
            this.state = ReservationState.of(reserved);
        }

        void step(ReservationEvent event, Instant at) {
            state = state.after(event);
            open = open.after(event);
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
                    open.summary(),
                    List.copyOf(history));
        }
    }
}
