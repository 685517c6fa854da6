package nl.kassier.ledger.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import nl.kassier.ledger.api.audit.ProjectionRebuild;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import nl.kassier.ledger.projections.asof.ReplayCheckpoints;
import nl.kassier.ledger.projections.statement.StatementQueries;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The auditor's figures on a store of a million events: how fast the hash chain verifies, how fast every read model
 * is rebuilt from the stream, and how long an as-of query takes on a budget with 100,000 events. Prints the figures;
 * asserts only that the work was done. Run with {@code ./mvnw -B -Pbenchmark -pl ledger-api -am verify}.
 */
@Tag("benchmark")
@LedgerServiceTest
@TestPropertySource(properties = {"ledger.test-context=benchmark", "logging.level.nl.kassier=WARN"})
class AuditBenchmarkTest {

    /** The store's size: {@code -Daudit.events=100000} for a quick run of the hot budget alone. */
    private static final int EVENTS = Integer.getInteger("audit.events", 1_000_000);

    private static final int HOT_BUDGET_EVENTS = Math.min(100_000, EVENTS);
    private static final int EVENTS_PER_BUDGET = 1_000;
    private static final int BATCH = 50_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Serializer serializer;

    @Autowired
    EventTableReader events;

    @Autowired
    ProjectionRebuild rebuild;

    @Autowired
    ProjectionBarrier barrier;

    @Autowired
    AsOfQueries asOf;

    @Autowired
    ReplayCheckpoints checkpoints;

    @Autowired
    StatementQueries statements;

    @Autowired
    EventStore eventStore;

    @Test
    void verifiesRebuildsAndReplaysAStoreOfAMillionEvents() throws Exception {
        long generated = generate();
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        print("store", total + " events (" + generated + " generated, " + HOT_BUDGET_EVENTS + " on rijnmond_2022)");

        long caughtUp = System.nanoTime();
        barrier.awaitEverything();
        print(
                "live projections",
                String.format(
                        "caught up %.1f s after the last batch was written (they ran alongside the generation)",
                        (System.nanoTime() - caughtUp) / 1e9));

        long verifyStart = System.nanoTime();
        ChainVerifier verifier = new ChainVerifier();
        events.forEach(verifier::accept);
        ChainVerifier.Result verified = verifier.result();
        assertThat(verified.valid()).isTrue();
        report("verification (goal >= 100,000 events/s)", verified.events(), verifyStart);

        long rebuildStart = System.nanoTime();
        rebuild.rebuild();
        report("projection rebuild (goal >= 20,000 events/s)", total, rebuildStart);
        long rebuilt = jdbc.queryForObject("SELECT count(*) FROM reservation_view", Long.class);
        long history = jdbc.queryForObject("SELECT count(*) FROM reservation_history", Long.class);
        print("rebuilt rows", rebuilt + " reservations, " + history + " history rows");
        assertThat(rebuilt)
                .as("every generated reservation is in the rebuilt read model")
                .isGreaterThanOrEqualTo(EVENTS);

        Instant now = Instant.now();
        String hotBudget = new BudgetId(new RegionCode("rijnmond"), 2022).value();
        long firstStart = System.nanoTime();
        assertThat(asOf.budget(new RegionCode("rijnmond"), 2022, now).lines()).isNotEmpty();
        print(
                "as-of budget, 100,000 events, before its checkpoints",
                (System.nanoTime() - firstStart) / 1_000_000
                        + " ms (the replay from the first event; it asks for them)");
        long checkpointStart = System.nanoTime();
        checkpoints.awaitWritten();
        checkpoints.build(hotBudget);
        print(
                "its checkpoints written",
                String.format(
                        "%.1f s on their own thread, %d of them",
                        (System.nanoTime() - checkpointStart) / 1e9,
                        jdbc.queryForObject(
                                "SELECT count(*) FROM replay_checkpoint WHERE aggregate_identifier = ?",
                                Long.class,
                                hotBudget)));
        print("as-of budget, 100,000 events (goal p50 <= 50 ms)", latencies(15, () -> assertThat(
                        asOf.budget(new RegionCode("rijnmond"), 2022, now).lines())
                .isNotEmpty()));
        long last = events.lastSequenceUpTo(hotBudget, now).orElseThrow();
        long checkpointed = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM replay_checkpoint WHERE aggregate_identifier = ?",
                Long.class,
                hotBudget);
        // The most an answer folds after its checkpoint: one event short of the next.
        long worst = checkpointed - 1;
        long before = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM replay_checkpoint WHERE aggregate_identifier = ? AND sequence_number < ?",
                Long.class,
                hotBudget,
                checkpointed);
        print(
                "as-of budget, 100,000 events, " + (worst - before) + " events after its checkpoint"
                        + " (the most there are; the latest answer had " + (last - checkpointed) + ")",
                latencies(15, () -> assertThat(
                                checkpoints.replay(hotBudget, worst, null).usage())
                        .isNotEmpty()));
        LocalDate scheme = LocalDate.of(2024, 12, 31);
        print("the budget on 2024-12-31, 100,000 events", latencies(15, () -> assertThat(
                        asOf.budget(new RegionCode("rijnmond"), 2022, now, scheme)
                                .lines())
                .isNotEmpty()));
        // The hot budget's events read and deserialised, as the aggregate and the replays read them: the floor under
        // the as-of and statement figures.
        print("the hot budget's events through the event store", latencies(5, () -> {
            DomainEventStream stream = eventStore.readEvents(hotBudget, 0L);
            int read = 0;
            while (stream.hasNext()) {
                read += stream.next().getPayload() == null ? 0 : 1;
            }
            assertThat(read).isGreaterThanOrEqualTo(HOT_BUDGET_EVENTS);
        }));
        LocalDate today = LocalDate.now(LegalDates.ZONE);
        print("statement, a budget of 100,000 events", latencies(7, () -> assertThat(statements
                        .regional(new RegionCode("rijnmond"), 2022, today, now)
                        .lines())
                .isNotEmpty()));
        print(
                "national statement, a store of " + total + " events (the year's 35 budgets hold "
                        + (HOT_BUDGET_EVENTS + 1) + " or more)",
                latencies(3, () -> assertThat(
                                statements.national(2022, today, now).regions())
                        .hasSize(35)));
        print(
                "memory",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024)
                        + " MiB heap in use");
    }

    /**
     * Writes the events inside PostgreSQL, through the chain trigger like any append, in batches: reservations of
     * one hot budget and of 900 budgets of 1,000 events each, in the exact JSON the service writes.
     */
    private long generate() {
        BudgetId hot = new BudgetId(new RegionCode("rijnmond"), 2022);
        Long hotSequence = jdbc.queryForObject(
                "SELECT COALESCE(max(sequence_number), -1) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                hot.value());
        String template;
        try {
            template = LedgerObjectMappers.forStorage().writeValueAsString(template(hot));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] metaData =
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        long start = System.nanoTime();
        for (int from = 0; from < EVENTS; from += BATCH) {
            int to = Math.min(EVENTS, from + BATCH) - 1;
            jdbc.update(
                    "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                            + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                            + " SELECT md5('bench' || g)::uuid::text, b.aggregate, b.seq, 'Budget', ?,"
                            + " 'nl.kassier.ledger.core.budget.BudgetReserved', '1',"
                            + " convert_to(replace(replace(replace(?, 'rijnmond_2022', b.aggregate), 'rijnmond', b.region),"
                            + " '00000000-0000-0000-0000-000000000000', md5('reservation' || g)::uuid::text), 'UTF8'), ?"
                            + " FROM generate_series(?, ?) g, LATERAL (SELECT"
                            + " CASE WHEN g < ? THEN 'rijnmond' ELSE 'bench' || ((g - ?) / ?) END AS region,"
                            + " CASE WHEN g < ? THEN ? + g ELSE (g - ?) % ? END AS seq) r,"
                            + " LATERAL (SELECT r.region || '_2022' AS aggregate, r.region, r.seq) b",
                    Instant.now().toString(),
                    template,
                    metaData,
                    from,
                    to,
                    HOT_BUDGET_EVENTS,
                    HOT_BUDGET_EVENTS,
                    EVENTS_PER_BUDGET,
                    HOT_BUDGET_EVENTS,
                    hotSequence,
                    HOT_BUDGET_EVENTS,
                    EVENTS_PER_BUDGET);
        }
        report("generation through the chain trigger", EVENTS, start);
        return EVENTS;
    }

    private static BudgetReserved template(BudgetId budget) {
        ReservationId id = ReservationId.of(budget, new UUID(0, 0));
        return new BudgetReserved(
                budget.value(),
                id,
                budget,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.MATCHING,
                Money.parse("10.00"),
                new CandidateId("0123456789abcdef0123456789abcdef"),
                TargetGroup.WW,
                LocalDate.of(2022, 7, 1),
                // Sealed personal data of a typical size: nonce, a pseudonym, a date, a flag and the tag.
                SealedPersonalData.sealed("3b7e1f4a-2c5d-4e6f-8a9b-0c1d2e3f4a5b", "A".repeat(120)),
                ReservationStatus.RESERVED,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                null,
                false,
                "benchmark",
                new Actor("benchmark", "COORDINATOR", null));
    }

    /** The median, least and most time of {@code runs} runs of {@code query}. */
    private static String latencies(int runs, Runnable query) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            micros.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(micros);
        return "median " + micros.get(runs / 2) / 1000 + " ms, min " + micros.get(0) / 1000 + " ms, max "
                + micros.get(runs - 1) / 1000 + " ms over " + runs + " queries";
    }

    private static void report(String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        print(what, String.format("%,d events in %.1f s = %,.0f events/s", count, seconds, count / seconds));
    }

    private static void print(String what, String figures) {
        System.out.println("BENCHMARK " + what + ": " + figures);
    }
}
