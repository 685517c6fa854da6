package nl.kassier.ledger.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * What an operator's Prometheus sees: commands by type and outcome, refusals by code, problem answers, each budget
 * line's utilisation, the read models' lag and the hash chain's head, all with bounded tags.
 */
@LedgerServiceTest
// Spring Boot's tests export no metrics unless asked; the service itself always serves them.
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "ledger.metrics.budget-refresh=PT0.2S")
class MetricsApiTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void showsCommandsRefusalsUtilisationLagAndTheChainHead() {
        Api api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"metrics-2022","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"drechtsteden","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                 "amount":"4000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        Map<String, Double> before = scrape(api);

        assertThat(reserve(api, "1000.00", "m-1").status()).isEqualTo(201);
        Response tooMuch = reserve(api, "3000.01", "m-2");
        assertThat(tooMuch.code()).isEqualTo("CAP_EXCEEDED");
        Response invalid = reserve(api, "-1.00", "m-3");
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");

        // Both gauges of the line are refreshed one after the other: wait for the second too.
        String available = utilisation().replace("utilisation", "available_euros");
        Map<String, Double> after = awaitScrape(
                api,
                samples -> samples.containsKey(utilisation())
                        && samples.get(utilisation()) > 0
                        && Double.valueOf(3000.0).equals(samples.get(available)));
        assertThat(delta(
                        before, after, "ledger_commands_seconds_count{command=\"ReserveBudget\",outcome=\"accepted\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_commands_seconds_count{command=\"ReserveBudget\",outcome=\"refused\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_refusals_total{code=\"CAP_EXCEEDED\",command=\"ReserveBudget\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_problems_total{code=\"CAP_EXCEEDED\",status=\"409\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_problems_total{code=\"VALIDATION_FAILED\",status=\"400\"}"))
                .isEqualTo(1);
        // 1,000.00 of 4,000.00 drawn.
        assertThat(after.get(utilisation())).isEqualTo(0.25);
        assertThat(after.get(available)).isEqualTo(3000.0);

        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Map<String, Double> settled = awaitScrape(
                api, samples -> samples.get("ledger_chain_head_position").longValue() == head);
        assertThat(settled.get("ledger_projection_lag_events{processor=\"read-models\"}"))
                .isZero();
        assertThat(settled.get("ledger_projection_barrier_timeouts_total")).isZero();
    }

    @Test
    void servesEveryRegionsFiguresOnlyToTheNationalRoles() {
        Api api = new Api(port);
        assertThat(api.get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("coord-rijnmond", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("fnv-rijnmond", "/actuator/prometheus").status()).isEqualTo(403);
        for (String national : new String[] {"kassier", "auditor", "szw"}) {
            Response scraped = api.get(national, "/actuator/prometheus");
            assertThat(scraped.status()).as(national).isEqualTo(200);
            assertThat(scraped.body()).contains("ledger_chain_head_position");
        }
        // Health stays open, for the orchestrator.
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void tagsNothingWithAnIdentifier() {
        Api api = new Api(port);
        reserve(api, "1.00", "m-tags");
        Pattern identifier = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-|_20[0-9]{2}_|pseudonym|m-tags");
        for (String series : scrape(api).keySet()) {
            if (series.startsWith("ledger_")) {
                assertThat(series).doesNotContainPattern(identifier);
            }
        }
    }

    private static String utilisation() {
        return "ledger_budget_utilisation{line=\"AANVULLENDE_DIENSTVERLENING\",region=\"drechtsteden\",year=\"2022\"}";
    }

    private static Response reserve(Api api, String amount, String candidate) {
        return api.post(
                "coord-drechtsteden", "/api/v1/regions/drechtsteden/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%s",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """.formatted(amount, candidate));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series " + series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private static Map<String, Double> awaitScrape(Api api, java.util.function.Predicate<Map<String, Double>> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Map<String, Double> samples = scrape(api);
        while (!ready.test(samples) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            samples = scrape(api);
        }
        return samples;
    }

    /** The exposition format's samples: series name with its labels, and value. */
    static Map<String, Double> scrape(Api api) {
        Response response = api.get("auditor", "/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
