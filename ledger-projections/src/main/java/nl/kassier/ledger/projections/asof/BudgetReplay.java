package nl.kassier.ledger.projections.asof;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.budget.ReservationView;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A budget's events folded by the domain's own {@link ReservationState} and {@link HistoryEntry}, as the live read
 * model folds them, and cut at a legal date: only steps dated on or before {@code on} count ({@code null}: every
 * step). A reservation counts up to its first approval, rejection, commitment or release dated after {@code on}, so
 * that its figures are always those of a life it really had; a melding dated later does not count at all. Payments,
 * and what a bank statement said of them, count each on its own date. The one replay behind the as-of answers, the
 * budget on a legal date and the statements, online and from an export.
 */
public final class BudgetReplay {

    private final LocalDate on;
    private final Map<ReservationId, Reservation> reservations = new LinkedHashMap<>();
    private BudgetStatus status = BudgetStatus.OPEN;
    /** The latest legal date of the steps folded so far, whether they counted or not. */
    private LocalDate latestDate;
    /**
     * Resumed from a checkpoint: what the reservations not held here draw (their events all lie before it), and
     * {@code null} for a replay from the first event, which holds every reservation.
     */
    private final Map<BudgetType, Usage> notHeld;

    private BudgetReplay(LocalDate on, Map<BudgetType, Usage> notHeld) {
        this.on = on;
        this.notHeld = notHeld;
    }

    /** The budget after {@code events} (its own, in order), as it stood in law on {@code on}. */
    public static BudgetReplay of(List<DomainEventMessage<?>> events, LocalDate on) {
        BudgetReplay replay = new BudgetReplay(on, null);
        replay.acceptAll(events);
        return replay;
    }

    /**
     * The budget after the events up to {@code checkpoint} and then {@code after} (the events that follow it, in
     * order), as it stood in law on {@code on}: the same answer as {@link #of} on all of them, for the figures
     * ({@link #usage()}, {@link #status()}). {@code held} is the state at the checkpoint of every reservation that an
     * event of {@code after} steps; the others are only counted in the checkpoint's sums. The checkpoint must
     * {@linkplain ReplayCheckpoint#serves serve} {@code on}.
     */
    public static BudgetReplay resume(
            ReplayCheckpoint checkpoint,
            Map<ReservationId, ReplayCheckpoint.Held> held,
            List<DomainEventMessage<?>> after,
            LocalDate on) {
        if (!checkpoint.serves(on)) {
            throw new IllegalArgumentException("the checkpoint holds steps dated after " + on);
        }
        Map<BudgetType, Usage> notHeld = new EnumMap<>(BudgetType.class);
        notHeld.putAll(checkpoint.usage());
        BudgetReplay replay = new BudgetReplay(on, notHeld);
        replay.status = checkpoint.status();
        replay.latestDate = checkpoint.latestDate();
        held.forEach((id, reservation) -> {
            replay.reservations.put(id, new Reservation(reservation));
            notHeld.compute(reservation.budgetType(), (type, drawn) -> (drawn == null ? Usage.NONE : drawn)
                    .minus(reservation.state().usage()));
        });
        replay.acceptAll(after);
        return replay;
    }

    private void acceptAll(List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> message : events) {
            accept(message.getPayload(), message.getTimestamp());
        }
    }

    private void accept(Object payload, Instant at) {
        if (payload instanceof ReservationEvent event) {
            if (!(event instanceof PaymentSettled || event instanceof PaymentDiscrepancyFound)) {
                // What a bank statement said of a payment, on its booking date, changes no figure and stops no
                // reservation: it does not keep a checkpoint from serving an earlier day.
                dated(event.date());
            }
            step(event, at);
        } else if (payload instanceof BudgetClosed closed) {
            dated(closed.date());
            if (!after(closed.date())) {
                status = BudgetStatus.CLOSED;
            }
        } else if (payload instanceof BudgetSettled settled) {
            dated(settled.date());
            if (!after(settled.date())) {
                status = BudgetStatus.SETTLED;
            }
        }
    }

    private void dated(LocalDate date) {
        if (date != null && (latestDate == null || date.isAfter(latestDate))) {
            latestDate = date;
        }
    }

    private boolean after(LocalDate date) {
        return on != null && date != null && date.isAfter(on);
    }

    private void step(ReservationEvent event, Instant at) {
        if (event instanceof BudgetReserved reserved && !after(reserved.date())) {
            reservations.put(event.reservationId(), new Reservation(reserved, at));
        }
        Reservation reservation = reservations.get(event.reservationId());
        if (reservation == null || reservation.stopped) {
            return;
        }
        if (after(event.date())) {
            if (!(event instanceof PaymentRegistered
                    || event instanceof PaymentSettled
                    || event instanceof PaymentDiscrepancyFound)) {
                // Every later step follows this one in law: the reservation's life stops here.
                reservation.stopped = true;
            }
            // A payment stands on its own date, and what the bank said of one on its booking date: one dated later
            // is left out, and the payments dated on or before the day still count.
            return;
        }
        reservation.step(event, at);
    }

    public BudgetStatus status() {
        return status;
    }

    /** The reservations that count, in the order they were made. Not known to a replay resumed from a checkpoint. */
    public Collection<Reservation> reservations() {
        requireEveryReservation();
        return Collections.unmodifiableCollection(reservations.values());
    }

    public Optional<Reservation> reservation(ReservationId id) {
        requireEveryReservation();
        return Optional.ofNullable(reservations.get(id));
    }

    private void requireEveryReservation() {
        if (notHeld != null) {
            throw new IllegalStateException("a replay resumed from a checkpoint holds only the figures");
        }
    }

    /** What the reservations draw, per budget type. */
    public Map<BudgetType, Usage> usage() {
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        if (notHeld != null) {
            usage.putAll(notHeld);
        }
        for (Reservation reservation : reservations.values()) {
            usage.merge(reservation.budgetType, reservation.state.usage(), Usage::plus);
        }
        return usage;
    }

    /**
     * This replay as a checkpoint at {@code sequence}, the sequence number of the last event it folded, with the
     * reservations it holds: all of them from the first event, those its events named when resumed. Only a replay
     * that counts every step ({@code on} = {@code null}) can be one.
     */
    public ReplayCheckpoint.WithReservations checkpoint(long sequence) {
        if (on != null) {
            throw new IllegalStateException("a replay cut at a legal date is no checkpoint");
        }
        Map<ReservationId, ReplayCheckpoint.Held> held = new LinkedHashMap<>();
        reservations.forEach((id, reservation) ->
                held.put(id, new ReplayCheckpoint.Held(reservation.budgetType, reservation.state)));
        return new ReplayCheckpoint.WithReservations(new ReplayCheckpoint(sequence, status, latestDate, usage()), held);
    }

    /** A reservation being replayed: the fold's state and the history it has so far. */
    public static final class Reservation {
        /** {@code null} when resumed from a checkpoint, which holds only its figures. */
        private final BudgetReserved reserved;

        private final BudgetType budgetType;
        private final Instant createdAt;
        private ReservationState state;
        private OpenDiscrepancies open = OpenDiscrepancies.NONE;
        /** Whether a step dated after the legal date of the replay ended its life there. */
        private boolean stopped;

        private final List<ReservationView.Step> history = new ArrayList<>();

        private Reservation(BudgetReserved reserved, Instant createdAt) {
            this.reserved = reserved;
            this.budgetType = reserved.budgetType();
            this.createdAt = createdAt;
            this.state = ReservationState.of(reserved);
        }

        private Reservation(ReplayCheckpoint.Held held) {
            this.reserved = null;
            this.budgetType = held.budgetType();
            this.createdAt = null;
            this.state = held.state();
        }

        private void step(ReservationEvent event, Instant at) {
            state = state.after(event);
            open = open.after(event);
            history.add(new ReservationView.Step(at, event.actor().username(), HistoryEntry.of(event)));
        }

        public BudgetType budgetType() {
            return budgetType;
        }

        /** The event that started the reservation: what it is for, for whom (by id) and who asked. */
        public BudgetReserved reserved() {
            return reserved;
        }

        public ReservationState state() {
            return state;
        }

        /** The discrepancies a bank statement found in its payments that nothing has settled yet. */
        public OpenDiscrepancies openDiscrepancies() {
            return open;
        }

        public List<HistoryEntry> entries() {
            return history.stream().map(ReservationView.Step::entry).toList();
        }

        /** Everything its steps freed again: rejections, releases, a commitment below the reservation, a closing. */
        public Money released() {
            Money released = Money.ZERO;
            for (ReservationView.Step step : history) {
                if (step.entry().released() != null) {
                    released = released.plus(step.entry().released());
                }
            }
            return released;
        }

        /** The reservation as a response shows it, its personal data opened through {@code vault}. */
        public ReservationView view(PersonalDataVault vault) {
            Usage usage = state.usage();
            Optional<PersonalData> personal = reserved.personal() == null
                    ? Optional.empty()
                    : vault.open(reserved.candidate(), reserved.personal());
            boolean erased = reserved.personal() != null && personal.isEmpty();
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
                    personal.map(PersonalData::ref).map(CandidateRef::value).orElse(null),
                    erased,
                    reserved.actor().organisation(),
                    reserved.actor().username(),
                    reserved.date(),
                    createdAt,
                    open.summary(),
                    List.copyOf(history));
        }
    }
}
