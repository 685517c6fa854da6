package nl.kassier.ledger.projections.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * A replay resumed from a checkpoint gives the figures of the replay from the first event, for any history, any
 * interval between checkpoints written one from the other, any answer and any legal date: steps dated out of order,
 * payments dated after a later release, what a bank statement said of them, closings and settlements, reservations
 * stepped before they were made or made twice.
 */
class ReplayCheckpointPropertiesTest {

    private static final BudgetId BUDGET = new BudgetId(new RegionCode("rijnmond"), 2022);
    private static final Actor ACTOR = new Actor("coord-rijnmond", "COORDINATOR", "rijnmond");
    private static final LocalDate FIRST = LocalDate.of(2022, 1, 1);
    private static final List<ReservationId> IDS = List.of(id(1), id(2), id(3), id(4), id(5), id(6));

    /** What a generated step does, before it is numbered. */
    record Step(int kind, int reservation, long cents, Integer day, int variant) {}

    @Property(tries = 3000)
    void aResumedReplayHasTheFiguresOfTheWholeReplay(
            @ForAll("histories") List<Step> steps,
            @ForAll("intervals") int interval,
            @ForAll("splits") int split,
            @ForAll("days") Integer onDay) {
        List<DomainEventMessage<?>> events = events(steps);
        LocalDate on = onDay == null ? null : FIRST.plusDays(onDay);

        // The checkpoints as they are written: one after every interval of events, each resumed from the one before
        // it, with the figures of the reservations its own events name.
        List<ReplayCheckpoint> checkpoints = new ArrayList<>();
        TreeMap<Long, Map<ReservationId, ReplayCheckpoint.Held>> rows = new TreeMap<>();
        for (int to = interval; to <= events.size(); to += interval) {
            List<DomainEventMessage<?>> chunk = events.subList(to - interval, to);
            BudgetReplay replay = checkpoints.isEmpty()
                    ? BudgetReplay.of(chunk, null)
                    : resumed(checkpoints.get(checkpoints.size() - 1), rows, chunk, null);
            ReplayCheckpoint.WithReservations written = replay.checkpoint(to - 1L);
            checkpoints.add(written.checkpoint());
            rows.put(written.checkpoint().sequence(), written.held());
        }

        // An answer up to the split, from the latest checkpoint up to it that serves the day, as the query finds it.
        long last = Math.min(split, events.size() - 1);
        List<DomainEventMessage<?>> known = events.subList(0, (int) last + 1);
        BudgetReplay whole = BudgetReplay.of(known, on);
        ReplayCheckpoint from = null;
        for (ReplayCheckpoint checkpoint : checkpoints) {
            if (checkpoint.sequence() <= last && checkpoint.serves(on)) {
                from = checkpoint;
            }
        }
        if (from == null) {
            return; // Answered from the first event: nothing resumes.
        }
        BudgetReplay resumed = resumed(from, rows, known.subList((int) from.sequence() + 1, known.size()), on);

        assertThat(drawn(resumed.usage())).isEqualTo(drawn(whole.usage()));
        assertThat(resumed.status()).isEqualTo(whole.status());
    }

    /**
     * Resumed from {@code checkpoint} as the checkpoints' store resumes: each reservation that {@code after} names
     * from its latest row up to the checkpoint.
     */
    private static BudgetReplay resumed(
            ReplayCheckpoint checkpoint,
            TreeMap<Long, Map<ReservationId, ReplayCheckpoint.Held>> rows,
            List<DomainEventMessage<?>> after,
            LocalDate on) {
        Map<ReservationId, ReplayCheckpoint.Held> held = new LinkedHashMap<>();
        for (DomainEventMessage<?> message : after) {
            if (message.getPayload() instanceof ReservationEvent event && !held.containsKey(event.reservationId())) {
                for (Map<ReservationId, ReplayCheckpoint.Held> at : rows.headMap(checkpoint.sequence(), true)
                        .descendingMap()
                        .values()) {
                    if (at.containsKey(event.reservationId())) {
                        held.put(event.reservationId(), at.get(event.reservationId()));
                        break;
                    }
                }
            }
        }
        return BudgetReplay.resume(checkpoint, held, after, on);
    }

    /** The usage without the budget types nothing draws on: an absent type draws nothing. */
    private static Map<BudgetType, Usage> drawn(Map<BudgetType, Usage> usage) {
        Map<BudgetType, Usage> drawn = new EnumMap<>(BudgetType.class);
        usage.forEach((type, u) -> {
            if (!u.equals(Usage.NONE)) {
                drawn.put(type, u);
            }
        });
        return drawn;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(0, IDS.size() - 1),
                        Arbitraries.longs().between(1, 500_000),
                        Arbitraries.integers().between(0, 364).injectNull(0.1),
                        Arbitraries.integers().between(0, 3))
                .as(Step::new)
                .list()
                .ofMaxSize(60);
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers().between(0, 60);
    }

    @Provide
    Arbitrary<Integer> intervals() {
        return Arbitraries.integers().between(1, 8);
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(0, 364).injectNull(0.2);
    }

    private static List<DomainEventMessage<?>> events(List<Step> steps) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (Step step : steps) {
            events.add(new GenericDomainEventMessage<>("Budget", BUDGET.value(), events.size(), event(step)));
        }
        return events;
    }

    private static Object event(Step step) {
        String budget = BUDGET.value();
        ReservationId id = IDS.get(step.reservation());
        Money amount = Money.ofCents(step.cents());
        LocalDate date = step.day() == null ? null : FIRST.plusDays(step.day());
        return switch (step.kind()) {
            case 0, 1 ->
                new BudgetReserved(
                        budget,
                        id,
                        BUDGET,
                        step.variant() % 2 == 0 ? BudgetType.AANVULLENDE_DIENSTVERLENING : BudgetType.WERKFITBEHOUD,
                        step.variant() % 2 == 0 ? MenuItem.SCHOLING : firstOf(BudgetType.WERKFITBEHOUD),
                        amount,
                        null,
                        null,
                        date,
                        null,
                        step.variant() < 2 ? ReservationStatus.REQUESTED : ReservationStatus.RESERVED,
                        List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                        "allocation",
                        false,
                        null,
                        ACTOR);
            case 2 -> new ReservationApproved(budget, id, amount, date, ACTOR);
            case 3 -> new ReservationRejected(budget, id, amount, new Reason("te duur"), date, ACTOR);
            case 4 -> new ReservationCommitted(budget, id, amount, Money.ZERO, new Reference("order"), date, ACTOR);
            case 5 ->
                new PaymentRegistered(
                        budget,
                        id,
                        new PaymentId("PAY-" + step.cents()),
                        amount,
                        date,
                        null,
                        null,
                        null,
                        ReservationStatus.PARTIALLY_PAID,
                        ACTOR);
            case 6 ->
                new ReservationReleased(
                        budget,
                        id,
                        amount,
                        new Reason("niet nodig"),
                        step.variant() % 2 == 0 ? ReservationStatus.RELEASED : ReservationStatus.CLOSED,
                        date,
                        ACTOR);
            case 7 -> new BudgetClosed(budget, BUDGET, date, new Reason("einde"), ACTOR);
            case 9 ->
                new PaymentSettled(
                        budget, id, new PaymentId("PAY-" + step.cents()), amount, "rec", "stmt", "entry", date, ACTOR);
            case 10 ->
                new PaymentDiscrepancyFound(
                        budget,
                        id,
                        new PaymentId("PAY-" + step.cents()),
                        amount,
                        Money.ofCents(step.cents() + 1),
                        "rec",
                        "stmt",
                        "entry",
                        date,
                        ACTOR);
            default -> new BudgetSettled(budget, BUDGET, date, new Reason("afgerekend"), ACTOR);
        };
    }

    private static MenuItem firstOf(BudgetType type) {
        for (MenuItem item : MenuItem.values()) {
            if (item.budget() == type) {
                return item;
            }
        }
        throw new IllegalStateException(type.name());
    }

    private static ReservationId id(int n) {
        return ReservationId.of(BUDGET, new UUID(0, n));
    }
}
