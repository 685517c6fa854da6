package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A read model that cannot take an event does not stall in silence: health turns DOWN, naming the processor, the
 * segment and the position it is stuck after, a meter counts the failed batches, and as soon as the cause is gone the
 * processor moves on by itself and health is UP again, with nothing lost. The cause here is one an operator meets: the
 * database refusing a write (a constraint someone added, a full disk, a permission taken away). The budget read models
 * are written in the append itself: a stuck processor does not hold budget steps back, and a step the budget read
 * models cannot hold is not recorded at all.
 */
@LedgerServiceTest
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "ledger.test-context=stuck-processor")
class StuckProcessorHealthTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void healthIsDownWhileAProcessorIsStuckAndUpWhenItMovesOn() throws Exception {
        Api api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", amendment("stuck-processor"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        String id = request(api, "stuck-1");
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        double failuresBefore = failures(api);

        jdbc.execute("ALTER TABLE amendment_view ADD CONSTRAINT refuses_this_amendment"
                + " CHECK (amendment_id <> 'refused-by-the-view')");
        CompletableFuture<Response> published = CompletableFuture.supplyAsync(
                () -> api.post("szw", "/api/v1/amendments", amendment("refused-by-the-view")));
        try {
            JsonNode down =
                    await(api, health -> "DOWN".equals(health.path("status").asText()));
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            JsonNode stuck = down.at("/components/eventProcessors/details/stuck/read-models/0");
            assertThat(stuck.path("segment").isInt()).as(down.toString()).isTrue();
            assertThat(stuck.path("position").asLong()).isPositive();
            assertThat(stuck.path("error").asText())
                    .contains("refuses_this_amendment")
                    .as("nothing of the row itself")
                    .doesNotContain("Failing row", "Illustratieve");
            // Without credentials, only the verdict: nothing of the failure.
            Response anonymous = api.get(null, "/actuator/health");
            assertThat(anonymous.status()).isEqualTo(503);
            assertThat(anonymous.body()).doesNotContain("refuses_this_amendment");
            assertThat(failures(api)).isGreaterThan(failuresBefore);
            assertThat(gauge(api, "ledger_processor_stuck_segments")).isEqualTo(1.0);

            // The budget's own read models do not wait for the stuck processor.
            Response rejected = reject(api, id);
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
            assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        } finally {
            jdbc.execute("ALTER TABLE amendment_view DROP CONSTRAINT refuses_this_amendment");
        }

        JsonNode up = await(api, health -> "UP".equals(health.path("status").asText()));
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(published.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(api.get("auditor", "/api/v1/amendments").body()).contains("refused-by-the-view");
        assertThat(gauge(api, "ledger_processor_stuck_segments")).isZero();
    }

    @Test
    void aStepTheBudgetReadModelsCannotHoldIsNotRecorded() {
        Api api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", amendment("not-held"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        String id = request(api, "stuck-2");
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        jdbc.execute(
                "ALTER TABLE reservation_history ADD CONSTRAINT refuses_rejections CHECK (type <> 'REJECTED') NOT VALID");
        try {
            Response rejected = reject(api, id);
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(500);
            assertThat(rejected.isProblem()).isTrue();
            assertThat(rejected.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(rejected.body()).doesNotContain("refuses_rejections", "Exception");
        } finally {
            jdbc.execute("ALTER TABLE reservation_history DROP CONSTRAINT refuses_rejections");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("nothing recorded")
                .isEqualTo(events);
        assertThat(api.get("auditor", "/api/v1/reservations/" + id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("REQUESTED");
        assertThat(reject(api, id).status())
                .as("the same step once the read models can hold it")
                .isEqualTo(200);
    }

    private static String request(Api api, String candidate) {
        Response requested =
                api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"100.00",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """.formatted(candidate));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        return requested.json().get("id").asText();
    }

    private static Response reject(Api api, String id) {
        return api.post("coord-rijnmond", "/api/v1/reservations/" + id + "/reject", "{\"reason\":\"past niet\"}");
    }

    private static String amendment(String id) {
        return """
                {"id":"%s","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                 "amount":"4000.00"}]}
                """.formatted(id);
    }

    private static JsonNode await(Api api, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode health = api.get("kassier", "/actuator/health").json();
        while (!condition.test(health) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            health = api.get("kassier", "/actuator/health").json();
        }
        return health;
    }

    private static double failures(Api api) {
        return gauge(api, "ledger_processor_failures_total{processor=\"read-models\"}");
    }

    private static double gauge(Api api, String series) {
        return api.get("auditor", "/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0.0);
    }
}
