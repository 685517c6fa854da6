package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerIntegrity;
import nl.kassier.ledger.api.support.ServiceProcess;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two service instances, two operating-system processes, on one PostgreSQL: the 200-way race split across both stops
 * exactly at the cap; each event reaches each read model exactly once; and the holes that lost races leave in the
 * event positions stall neither instance's read models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    private static final String AANVULLEND = "AANVULLENDE_DIENSTVERLENING";

    @TempDir
    static Path dir;

    EmbeddedDatabase database;
    JdbcTemplate jdbc;
    ServiceProcess first;
    ServiceProcess second;

    @BeforeAll
    void start() {
        database = EmbeddedDatabase.start(dir.resolve("pg"));
        jdbc = new JdbcTemplate(
                new SingleConnectionDataSource(database.jdbcUrl(), EmbeddedDatabase.USER, database.password(), true));
        String[] settings = {
            "ledger.db.url=" + database.jdbcUrl(),
            "ledger.db.user=" + EmbeddedDatabase.USER,
            "ledger.db.password=" + database.password()
        };
        first = ServiceProcess.start(
                Path.of("target", "reliability", "two-nodes-first.log"), "test", List.of("-Xmx512m"), settings);
        second = ServiceProcess.start(
                Path.of("target", "reliability", "two-nodes-second.log"), "test", List.of("-Xmx512m"), settings);
        // Rijnmond's line is for the race; the other two regions take the load.
        Response allocated = first.api().post("szw", "/api/v1/amendments", """
                {"id":"two-nodes","title":"Illustratieve verdeling (betrouwbaarheidstest)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"drechtsteden","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000000.00"},
                   {"region":"groot-amsterdam","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                    "amount":"1000000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        database.close();
    }

    @Test
    void stopsExactlyAtTheCapWhen200RequestsRaceOnTwoNodes() throws Exception {
        List<Api> nodes = List.of(first.api(), second.api());
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Api node = nodes.get(i % 2);
            String body = reservation("1000.00", "race-" + i);
            answers.add(
                    clients.submit(() -> node.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", body)));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get());
        }
        clients.shutdown();

        Map<Integer, Long> byStatus =
                responses.stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(byStatus)
                .as(() -> byStatus + "\nretries: " + retries(first) + " / " + retries(second) + "\nfirst node's log:\n"
                        + tail(first) + "\nsecond node's log:\n" + tail(second))
                .containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(50);
        assertThat(responses.stream().filter(r -> r.status() == 409).map(Response::code))
                .containsOnly("CAP_EXCEEDED");
        for (Api node : nodes) {
            // Each node shows the other's reservations too: one read model, fed once.
            JsonNode line = line(node, "rijnmond");
            assertThat(line.get("reserved").asText()).isEqualTo("50000.00");
            assertThat(line.get("available").asText()).isEqualTo("0.00");
            assertThat(node.get("auditor", "/api/v1/regions/rijnmond/reservations?year=2022&size=100")
                            .json()
                            .get("total")
                            .asLong())
                    .isEqualTo(50);
        }
        assertEachEventProjectedOnce();
        LedgerIntegrity.assertIntact(first.api(), jdbc, dir);
        LedgerIntegrity.assertVerified(second.api(), dir);
    }

    @Test
    void readModelsFollowBothNodesWithoutStallingOnHoles() {
        // Both nodes append to the same budgets at once: lost races are rolled back and retried, leaving holes in
        // the positions. Every answer must still come as soon as the read models show it, never after a timeout.
        List<String> regions = List.of("drechtsteden", "groot-amsterdam");
        ReservationLoad load = new ReservationLoad(regions).start(8, c -> c % 2 == 0 ? first.api() : second.api());
        load.awaitAcknowledged(200, Duration.ofSeconds(120));
        load.stop();
        assertThat(load.refused()).isEmpty();
        assertThat(load.unavailable()).isEmpty();
        assertThat(load.unanswered()).isEmpty();
        Long holes = jdbc.queryForObject(
                "SELECT (max(global_index) - min(global_index) + 1) - count(*) FROM domain_event_entry", Long.class);
        for (ServiceProcess node : List.of(first, second)) {
            Map<String, Double> metrics = scrape(node.api());
            assertThat(metrics.get("ledger_projection_barrier_timeouts_total"))
                    .as("answers given before the read models caught up (holes in positions: %d)", holes)
                    .isZero();
        }
        for (String region : regions) {
            long acknowledged = load.acknowledged().stream()
                    .filter(a -> a.request().region().equals(region))
                    .count();
            for (Api node : List.of(first.api(), second.api())) {
                assertThat(node.get("auditor", "/api/v1/regions/" + region + "/reservations?year=2022&size=1")
                                .json()
                                .get("total")
                                .asLong())
                        .as("reservations in %s", region)
                        .isEqualTo(acknowledged);
            }
        }
        assertEachEventProjectedOnce();
        LedgerIntegrity.assertIntact(first.api(), jdbc, dir);
        LedgerIntegrity.assertVerified(second.api(), dir);
    }

    /**
     * Every read model holds exactly what the event table says: as many reservations and history rows as BudgetReserved
     * events, and budgets whose sums are those of the reservations.
     */
    private void assertEachEventProjectedOnce() {
        Long reservedEvents = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.BudgetReserved'", Long.class);
        Long reservations = jdbc.queryForObject("SELECT count(*) FROM reservation_view", Long.class);
        assertThat(reservations).isEqualTo(reservedEvents);
        // Reservations are all these tests make: one history row each.
        Long historyRows = jdbc.queryForObject("SELECT count(*) FROM reservation_history", Long.class);
        assertThat(historyRows).isEqualTo(reservedEvents);
        Long reservedCents =
                jdbc.queryForObject("SELECT coalesce(sum(reserved_cents), 0) FROM budget_usage", Long.class);
        Long viewCents = jdbc.queryForObject(
                "SELECT coalesce(sum(amount_cents), 0) FROM reservation_view WHERE status = 'RESERVED'", Long.class);
        assertThat(reservedCents).isEqualTo(viewCents);
    }

    private static JsonNode line(Api api, String region) {
        Response budget = api.get("auditor", "/api/v1/regions/" + region + "/budgets/2022");
        assertThat(budget.status()).as(budget.body()).isEqualTo(200);
        for (JsonNode line : budget.json().get("lines")) {
            if (line.get("budgets").toString().contains(AANVULLEND)) {
                return line;
            }
        }
        throw new AssertionError("no line in " + budget.body());
    }

    private static String reservation(String amount, String candidate) {
        return ReservationLoad.body(candidate).replace("\"" + ReservationLoad.AMOUNT + "\"", "\"" + amount + "\"");
    }

    /** The node's command retries, by command and outcome: how often it lost the race for the budget. */
    private static Map<String, Double> retries(ServiceProcess node) {
        Map<String, Double> retries = new java.util.TreeMap<>(scrape(node.api()));
        retries.keySet().removeIf(series -> !series.startsWith("ledger_command_retries_total"));
        return retries;
    }

    private static String tail(ServiceProcess node) {
        String log = node.logText();
        return log.substring(Math.max(0, log.length() - 6_000));
    }

    static Map<String, Double> scrape(Api api) {
        Response response = api.get("auditor", "/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(line -> !line.startsWith("#") && line.contains(" "))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                        (a, b) -> b,
                        java.util.TreeMap::new));
    }
}
