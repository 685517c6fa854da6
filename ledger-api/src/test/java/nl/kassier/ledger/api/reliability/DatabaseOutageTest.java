package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * PostgreSQL stopped under a running service that is taking reservations: requests get 503 problems, quickly; the
 * service recovers by itself when the database returns; and nothing acknowledged is lost or booked twice.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    @Test
    void answers503WhileTheDatabaseIsAwayAndRecoversByItselfWithNothingLost() {
        int databasePort = ServiceProcess.freePort();
        Path data = dir.resolve("pg");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, databasePort);
        String url = database.jdbcUrl();
        try (ServiceProcess service = ServiceProcess.start(
                Path.of("target", "reliability", "outage.log"),
                "test",
                List.of("-Xmx512m"),
                "ledger.db.url=" + url,
                "ledger.db.user=" + EmbeddedDatabase.USER,
                "ledger.db.password=" + database.password())) {
            Api api = service.api();
            Response allocated =
                    api.post("szw", "/api/v1/amendments", ReservationLoad.allocations("outage", "1000000.00"));
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
            ReservationLoad load = new ReservationLoad().start(4, c -> api);
            load.awaitAcknowledged(30, Duration.ofSeconds(60));

            database.close();
            Instant stopped = Instant.now();
            Response refused =
                    api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", ReservationLoad.body("away-1"));
            Duration answeredIn = Duration.between(stopped, Instant.now());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.code()).isEqualTo("UNAVAILABLE");
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");
            assertThat(answeredIn)
                    .as("a 503 comes quickly, not after the retries")
                    .isLessThan(Duration.ofSeconds(15));
            Response budget = api.get("coord-rijnmond", "/api/v1/regions/rijnmond/budgets/2022");
            assertThat(budget.status()).isEqualTo(503);
            assertThat(budget.code()).isEqualTo("UNAVAILABLE");
            assertThat(api.get(null, "/actuator/health").status()).isEqualTo(503);
            sleep(OUTAGE);

            int acknowledgedDuringOutage = load.acknowledged().size();
            database = EmbeddedDatabase.start(data, databasePort);
            // Nobody restarts the service: it finds the database again by itself.
            service.awaitHealthy(Duration.ofSeconds(60));
            load.awaitAcknowledged(acknowledgedDuringOutage + 30, Duration.ofSeconds(90));
            load.stop();
            assertThat(load.unavailable()).as("the outage was felt").isNotEmpty();
            assertThat(load.unavailable())
                    .as("only 503 problems, never a 500")
                    .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(503));
            assertThat(load.refused()).isEmpty();

            load.retryUnanswered(api);
            for (Acknowledged a : load.acknowledged()) {
                Response found = api.get("auditor", "/api/v1/reservations/" + a.reservationId());
                assertThat(found.status()).as(found.body()).isEqualTo(200);
            }
            for (Map.Entry<String, BigDecimal> expected :
                    load.acknowledgedPerRegion().entrySet()) {
                assertThat(new BigDecimal(awaitReserved(api, expected.getKey(), expected.getValue())))
                        .as("reserved in " + expected.getKey())
                        .isEqualByComparingTo(expected.getValue());
            }
            JdbcTemplate jdbc = new JdbcTemplate(
                    new SingleConnectionDataSource(url, EmbeddedDatabase.USER, database.password(), true));
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.BudgetReserved'",
                            Long.class))
                    .isEqualTo(load.acknowledged().size());
            LedgerIntegrity.assertIntact(api, jdbc, dir);
        } finally {
            database.close();
        }
    }

    /**
     * The budget's reserved figure once the read model has caught up: after an outage the processors come back on
     * their own back-off, within seconds, not with the first request.
     */
    private static String awaitReserved(Api api, String region, BigDecimal expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String reserved = null;
        while (Instant.now().isBefore(deadline)) {
            Response budget = api.get("auditor", "/api/v1/regions/" + region + "/budgets/2022");
            for (JsonNode line : budget.json().get("lines")) {
                if (line.get("budgets").toString().contains("AANVULLENDE_DIENSTVERLENING")) {
                    reserved = line.get("reserved").asText();
                }
            }
            if (reserved != null && new BigDecimal(reserved).compareTo(expected) == 0) {
                return reserved;
            }
            sleep(Duration.ofMillis(250));
        }
        return reserved;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
