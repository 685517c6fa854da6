package nl.kassier.ledger.projections.asof;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.infra.audit.EventTableReader;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A budget's replay in flat time: checkpoints of {@link BudgetReplay} every {@code ledger.replay-checkpoint-interval}
 * events (500), and the replay of an answer resumed from the latest checkpoint that serves it, so that it folds at
 * most the events after that one instead of the whole history. The checkpoints are written on a thread of their own,
 * never on a request's: an answer that finds a whole interval of events after its checkpoint asks for them, and is
 * given from the events meanwhile. They are derived from the events alone, as the read models are: two nodes may
 * write the same one (the second is dropped), and without them every answer replays from the first event.
 */
@Component
public class ReplayCheckpoints implements DisposableBean {

    /** The fold that writes and reads the checkpoints: raised when {@link BudgetReplay}'s figures change. */
    static final int FOLD_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(ReplayCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final EventTableReader events;
    private final int interval;
    private final ExecutorService writer;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    public ReplayCheckpoints(
            JdbcTemplate jdbc,
            TransactionManager transactions,
            EventStore eventStore,
            EventTableReader events,
            @Value("${ledger.replay-checkpoint-interval:500}") int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("ledger.replay-checkpoint-interval must be at least 1: " + interval);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.events = events;
        this.interval = interval;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "replay-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The budget {@code aggregateId} after its events up to sequence number {@code last}, as it stood in law on
     * {@code on} ({@code null}: every step counts): resumed from the latest checkpoint up to {@code last} that serves
     * {@code on}, else replayed from the first event.
     */
    public BudgetReplay replay(String aggregateId, long last, LocalDate on) {
        Optional<ReplayCheckpoint> checkpoint = latest(aggregateId, last, on);
        // Whether checkpoints are missing is a matter of the latest one, whichever day it serves: for an answer on a
        // day, only its sequence number is read, not its figures.
        Optional<Long> newest =
                on == null ? checkpoint.map(ReplayCheckpoint::sequence) : latestSequence(aggregateId, last);
        if (last - newest.map(sequence -> sequence + 1).orElse(0L) + 1 >= interval) {
            buildLater(aggregateId);
        }
        if (checkpoint.isPresent()) {
            List<DomainEventMessage<?>> after =
                    read(eventStore, aggregateId, checkpoint.get().sequence() + 1, last);
            Optional<BudgetReplay> resumed = resume(aggregateId, checkpoint.get(), after, on);
            if (resumed.isPresent()) {
                return resumed.get();
            }
        }
        return BudgetReplay.of(read(eventStore, aggregateId, 0, last), on);
    }

    /** Writes the budget's missing checkpoints on the checkpoints' own thread, unless that is asked for already. */
    private void buildLater(String aggregateId) {
        if (!asked.add(aggregateId)) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    asked.remove(aggregateId);
                    build(aggregateId);
                } catch (RuntimeException e) {
                    log.warn(
                            "Checkpoints of {} not written; its answers fold more events until they are",
                            aggregateId,
                            e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The service is stopping: the answer is given from the events all the same.
            asked.remove(aggregateId);
        }
    }

    /** Writes a checkpoint after each whole interval of the budget's events that has none yet; returns their number. */
    public int build(String aggregateId) {
        Optional<Long> last = events.lastSequence(aggregateId);
        int written = 0;
        while (last.isPresent()) {
            Optional<ReplayCheckpoint> checkpoint = latest(aggregateId, last.get(), null);
            long from = checkpoint.map(c -> c.sequence() + 1).orElse(0L);
            if (last.get() - from + 1 < interval) {
                break;
            }
            List<DomainEventMessage<?>> chunk = read(eventStore, aggregateId, from, from + interval - 1);
            if (chunk.isEmpty()) {
                break;
            }
            long to = chunk.get(chunk.size() - 1).getSequenceNumber();
            // From the first event when the checkpoint lacks a reservation: that one then holds every reservation.
            BudgetReplay replay = checkpoint
                    .flatMap(c -> resume(aggregateId, c, chunk, null))
                    .orElseGet(() -> BudgetReplay.of(read(eventStore, aggregateId, 0, to), null));
            if (!write(aggregateId, checkpoint.map(ReplayCheckpoint::sequence), replay.checkpoint(to))) {
                break;
            }
            written++;
        }
        return written;
    }

    /** Waits until the checkpoints asked for so far are written (for the benchmarks). */
    public void awaitWritten() throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.execute(() -> done.complete(null));
        try {
            done.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("checkpoints not written in time", e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        writer.shutdownNow();
        // A checkpoint being written is a transaction: let it end before the connections close.
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Optional<BudgetReplay> resume(
            String aggregateId, ReplayCheckpoint checkpoint, List<DomainEventMessage<?>> after, LocalDate on) {
        // Every reservation the events name, and those among them that are stepped before the events make them:
        // the checkpoint must hold those.
        Set<ReservationId> named = new LinkedHashSet<>();
        Set<ReservationId> stepped = new HashSet<>();
        for (DomainEventMessage<?> message : after) {
            if (message.getPayload() instanceof ReservationEvent event
                    && named.add(event.reservationId())
                    && !(event instanceof BudgetReserved)) {
                stepped.add(event.reservationId());
            }
        }
        Map<ReservationId, ReplayCheckpoint.Held> held = held(aggregateId, checkpoint.sequence(), named);
        if (!held.keySet().containsAll(stepped)) {
            log.warn(
                    "The checkpoint of {} at {} lacks reservations its later events step; replaying from the first event",
                    aggregateId,
                    checkpoint.sequence());
            return Optional.empty();
        }
        return Optional.of(BudgetReplay.resume(checkpoint, held, after, on));
    }

    /**
     * The latest checkpoint of the budget up to sequence number {@code last} that serves {@code on}: the rule of
     * {@link ReplayCheckpoint#serves}, in SQL.
     */
    Optional<ReplayCheckpoint> latest(String aggregateId, long last, LocalDate on) {
        record Header(long sequence, BudgetStatus status, LocalDate latestDate) {}
        List<Header> found = jdbc.query(
                "SELECT sequence_number, status, latest_date FROM replay_checkpoint"
                        + " WHERE aggregate_identifier = ? AND fold_version = ? AND sequence_number <= ?"
                        + (on == null ? "" : " AND (latest_date IS NULL OR latest_date <= ?)")
                        + " ORDER BY sequence_number DESC LIMIT 1",
                (rs, row) -> new Header(
                        rs.getLong("sequence_number"),
                        BudgetStatus.valueOf(rs.getString("status")),
                        rs.getObject("latest_date", LocalDate.class)),
                on == null
                        ? new Object[] {aggregateId, FOLD_VERSION, last}
                        : new Object[] {aggregateId, FOLD_VERSION, last, on});
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Header header = found.get(0);
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        jdbc.query(
                "SELECT budget_type, requested_cents, reserved_cents, committed_cents, paid_cents"
                        + " FROM replay_checkpoint_usage"
                        + " WHERE aggregate_identifier = ? AND fold_version = ? AND sequence_number = ?",
                rs -> {
                    usage.put(
                            BudgetType.valueOf(rs.getString("budget_type")),
                            new Usage(
                                    cents(rs, "requested_cents"),
                                    cents(rs, "reserved_cents"),
                                    cents(rs, "committed_cents"),
                                    cents(rs, "paid_cents")));
                },
                aggregateId,
                FOLD_VERSION,
                header.sequence());
        return Optional.of(new ReplayCheckpoint(header.sequence(), header.status(), header.latestDate(), usage));
    }

    /** The sequence number of the budget's latest checkpoint up to {@code last}, whichever day it serves. */
    private Optional<Long> latestSequence(String aggregateId, long last) {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT max(sequence_number) FROM replay_checkpoint"
                        + " WHERE aggregate_identifier = ? AND fold_version = ? AND sequence_number <= ?",
                Long.class,
                aggregateId,
                FOLD_VERSION,
                last));
    }

    /** The state at the checkpoint at {@code sequence} of each of {@code ids} the checkpoints hold. */
    Map<ReservationId, ReplayCheckpoint.Held> held(String aggregateId, long sequence, Collection<ReservationId> ids) {
        Map<ReservationId, ReplayCheckpoint.Held> held = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return held;
        }
        Object[] values = ids.stream().map(ReservationId::value).toArray();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT DISTINCT ON (reservation_id) reservation_id, budget_type, status, amount_cents,"
                                    + " commitment_cents, paid_cents FROM replay_checkpoint_reservation"
                                    + " WHERE aggregate_identifier = ? AND fold_version = ? AND sequence_number <= ?"
                                    + " AND reservation_id = ANY (?)"
                                    + " ORDER BY reservation_id, sequence_number DESC");
                    statement.setString(1, aggregateId);
                    statement.setInt(2, FOLD_VERSION);
                    statement.setLong(3, sequence);
                    statement.setArray(4, connection.createArrayOf("varchar", values));
                    return statement;
                },
                rs -> {
                    held.put(
                            new ReservationId(rs.getString("reservation_id")),
                            new ReplayCheckpoint.Held(
                                    BudgetType.valueOf(rs.getString("budget_type")),
                                    new ReservationState(
                                            ReservationStatus.valueOf(rs.getString("status")),
                                            cents(rs, "amount_cents"),
                                            cents(rs, "commitment_cents"),
                                            cents(rs, "paid_cents"))));
                });
        return held;
    }

    /**
     * Writes a checkpoint resumed from the one at {@code previous} (none: replayed from the first event) in one
     * transaction; nothing if it is there already (another node wrote it), or if the one before is gone (the tables
     * were emptied meanwhile: the rows it holds would then be missing). Returns whether the one before is there.
     */
    boolean write(String aggregateId, Optional<Long> previous, ReplayCheckpoint.WithReservations written) {
        ReplayCheckpoint checkpoint = written.checkpoint();
        return transactions.fetchInTransaction(() -> {
            if (previous.isPresent()
                    && jdbc.queryForList(
                                    "SELECT 1 FROM replay_checkpoint WHERE aggregate_identifier = ?"
                                            + " AND fold_version = ? AND sequence_number = ? FOR KEY SHARE",
                                    aggregateId,
                                    FOLD_VERSION,
                                    previous.get())
                            .isEmpty()) {
                return false;
            }
            int inserted = jdbc.update(
                    "INSERT INTO replay_checkpoint"
                            + " (aggregate_identifier, fold_version, sequence_number, status, latest_date)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    aggregateId,
                    FOLD_VERSION,
                    checkpoint.sequence(),
                    checkpoint.status().name(),
                    checkpoint.latestDate());
            if (inserted == 0) {
                return true;
            }
            List<Object[]> usage = new ArrayList<>();
            checkpoint
                    .usage()
                    .forEach((type, drawn) -> usage.add(new Object[] {
                        aggregateId,
                        FOLD_VERSION,
                        checkpoint.sequence(),
                        type.name(),
                        drawn.requested().cents(),
                        drawn.reserved().cents(),
                        drawn.committed().cents(),
                        drawn.paid().cents()
                    }));
            jdbc.batchUpdate(
                    "INSERT INTO replay_checkpoint_usage (aggregate_identifier, fold_version, sequence_number,"
                            + " budget_type, requested_cents, reserved_cents, committed_cents, paid_cents)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    usage);
            List<Object[]> reservations = new ArrayList<>();
            written.held()
                    .forEach((id, reservation) -> reservations.add(new Object[] {
                        aggregateId,
                        FOLD_VERSION,
                        id.value(),
                        checkpoint.sequence(),
                        reservation.budgetType().name(),
                        reservation.state().status().name(),
                        reservation.state().amount().cents(),
                        reservation.state().commitment().cents(),
                        reservation.state().paid().cents()
                    }));
            jdbc.batchUpdate(
                    "INSERT INTO replay_checkpoint_reservation (aggregate_identifier, fold_version, reservation_id,"
                            + " sequence_number, budget_type, status, amount_cents, commitment_cents, paid_cents)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    reservations);
            return true;
        });
    }

    /** The events of an aggregate from sequence number {@code first} up to {@code last}, in order. */
    static List<DomainEventMessage<?>> read(EventStore eventStore, String aggregateId, long first, long last) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        // From the events themselves, never from the aggregate's snapshot: that is its state now, not then.
        DomainEventStream stream = eventStore.readEvents(aggregateId, first);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > last) {
                break;
            }
            messages.add(message);
        }
        return messages;
    }

    private static Money cents(ResultSet rs, String column) throws SQLException {
        return Money.ofCents(rs.getLong(column));
    }
}
