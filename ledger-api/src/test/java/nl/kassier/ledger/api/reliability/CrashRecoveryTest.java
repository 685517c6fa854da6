package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kassier.ledger.api.reliability.ReservationLoad.Acknowledged;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerIntegrity;
import nl.kassier.ledger.api.support.ServiceProcess;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A node killed with SIGKILL in the middle of a burst of reservations, then started again: every reservation that
 * was answered 201 is there, the callers' retries of the requests that got no answer book nothing twice, and every
 * budget equals, to the cent, the sum of the acknowledged reservations. Tried on an external PostgreSQL (the
 * production set-up) and on the embedded default, whose database outlives the killed service.
 */
class CrashRecoveryTest {

    private static final int CLIENTS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 120;

    @TempDir
    Path dir;

    @Test
    void losesNothingAcknowledgedWhenTheNodeIsKilledOnAnExternalDatabase() {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"))) {
            String[] settings = {
                "ledger.db.url=" + database.jdbcUrl(),
                "ledger.db.user=" + EmbeddedDatabase.USER,
                "ledger.db.password=" + database.password(),
            };
            ReservationLoad load = killUnderLoadAndRestart(settings);
            assertEventsMatch(
                    new JdbcTemplate(new SingleConnectionDataSource(
                            database.jdbcUrl(), EmbeddedDatabase.USER, database.password(), true)),
                    load);
        }
    }

    @Test
    void losesNothingAcknowledgedWhenTheNodeIsKilledOnTheEmbeddedDefault() {
        // The embedded PostgreSQL is the killed service's child and keeps running; the next start stops it first.
        killUnderLoadAndRestart("ledger.data-dir=" + dir.resolve("data"));
    }

    private ReservationLoad killUnderLoadAndRestart(String... settings) {
        int port = ServiceProcess.freePort();
        ReservationLoad load;
        try (ServiceProcess first = ServiceProcess.start(
                Path.of("target", "reliability", "crash-before.log"), port, "test", List.of(), settings)) {
            Api api = first.api();
            Response allocated =
                    api.post("szw", "/api/v1/amendments", ReservationLoad.allocations("crash", "1000000.00"));
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);

            load = new ReservationLoad().start(CLIENTS, c -> api);
            load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_KILL, Duration.ofSeconds(120));
            first.kill();
            assertThat(first.isAlive()).isFalse();
            // Let the clients meet the dead node for a moment, then stop them.
            sleep(Duration.ofMillis(300));
            load.stop();
        }
        assertThat(load.refused()).as("refusals under load").isEmpty();

        try (ServiceProcess second = ServiceProcess.start(
                Path.of("target", "reliability", "crash-after.log"), port, "test", List.of(), settings)) {
            Api api = second.api();
            int acknowledgedBeforeRetry = load.acknowledged().size();
            // Every reservation answered 201 before the kill is there, as it was answered.
            for (Acknowledged a : load.acknowledged()) {
                Response found = api.get("auditor", "/api/v1/reservations/" + a.reservationId());
                assertThat(found.status()).as(found.body()).isEqualTo(200);
                assertThat(found.json().get("reserved").asText()).isEqualTo(ReservationLoad.AMOUNT);
                assertThat(found.json().get("status").asText()).isEqualTo("RESERVED");
            }
            // The callers retry what got no answer, with the same keys: recorded once, whether it was or not.
            load.retryUnanswered(api);
            assertThat(load.acknowledged()).hasSizeGreaterThanOrEqualTo(acknowledgedBeforeRetry);
            Set<String> ids = new HashSet<>();
            load.acknowledged().forEach(a -> ids.add(a.reservationId()));
            assertThat(ids)
                    .as("one reservation per request")
                    .hasSize(load.acknowledged().size());

            for (Map.Entry<String, BigDecimal> expected :
                    load.acknowledgedPerRegion().entrySet()) {
                JsonNode line = line(api, expected.getKey());
                assertThat(new BigDecimal(line.get("reserved").asText()))
                        .as("reserved in " + expected.getKey())
                        .isEqualByComparingTo(expected.getValue());
                assertThat(new BigDecimal(line.get("available").asText()))
                        .isEqualByComparingTo(new BigDecimal("1000000.00").subtract(expected.getValue()));
            }
            LedgerIntegrity.assertVerified(api, dir);
        }
        return load;
    }

    /** The event table holds one BudgetReserved per acknowledged reservation: nothing lost, nothing twice. */
    private static void assertEventsMatch(JdbcTemplate jdbc, ReservationLoad load) {
        Long reserved = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BudgetReserved'", Long.class);
        assertThat(reserved).isEqualTo(load.acknowledged().size());
        LedgerIntegrity.assertOrdered(jdbc);
    }

    private static JsonNode line(Api api, String region) {
        Response budget = api.get("auditor", "/api/v1/regions/" + region + "/budgets/" + ReservationLoad.YEAR);
        assertThat(budget.status()).as(budget.body()).isEqualTo(200);
        for (JsonNode line : budget.json().get("lines")) {
            if (line.get("budgets").toString().contains("AANVULLENDE_DIENSTVERLENING")) {
                return line;
            }
        }
        throw new AssertionError("no line in " + budget.body());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
