package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.projections.asof.ReplayCheckpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What an auditor asks years later: what did the service answer at that instant? The budget and the reservation are
 * recorded at several instants of a scenario with a retroactive cut, then asked {@code asOf} each instant: the
 * replayed answers equal the recorded ones exactly.
 */
@LedgerServiceTest
@TestPropertySource(
        properties = {
            "ledger.users-file=src/test/resources/lifecycle-users.yml",
            "ledger.test-context=as-of",
            "ledger.replay-checkpoint-interval=2"
        })
class AsOfReplayTest {

    @LocalServerPort
    int port;

    @Autowired
    ReplayCheckpoints checkpoints;

    @Autowired
    JdbcTemplate jdbc;

    record Snapshot(Instant at, JsonNode budget, JsonNode reservation) {}

    @Test
    void answersAsOfEachInstantExactlyAsTheServiceDidThen() throws Exception {
        Api api = new Api(port, Map.of("szw", "test", "kassier", "test", "auditor", "test", "coord-rijnmond", "test"));
        assertThat(api.post("szw", "/api/v1/amendments", allocation("asof-2022", "10000.00"))
                        .status())
                .isEqualTo(201);
        Instant beforeAnything = Instant.now();
        Thread.sleep(5);
        String id = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                        {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"3000.00",
                         "candidate":{"ref":"asof-1","jobLossDate":"2021-02-01"},"date":"2022-07-01"}
                        """)
                .json()
                .get("id")
                .asText();
        List<Snapshot> snapshots = new ArrayList<>();
        snapshots.add(snapshot(api, id));
        api.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"2500.00\"}");
        api.post(
                "kassier",
                "/api/v1/reservations/" + id + "/payments",
                "{\"paymentId\":\"asof-pay-1\",\"amount\":\"1000.00\"}");
        snapshots.add(snapshot(api, id));
        assertThat(api.post("szw", "/api/v1/amendments", allocation("asof-cut", "2000.00"))
                        .status())
                .isEqualTo(201);
        snapshots.add(snapshot(api, id));
        api.post("coord-rijnmond", "/api/v1/reservations/" + id + "/release", "");
        snapshots.add(snapshot(api, id));

        assertThat(snapshots.get(2).budget().at("/lines/0/overspent").asBoolean())
                .isTrue();
        // The budget's answers resume from its replay's checkpoints (one every two events here).
        assertThat(checkpoints.build("rijnmond_2022")
                        + jdbc.queryForObject(
                                "SELECT count(*) FROM replay_checkpoint WHERE aggregate_identifier = 'rijnmond_2022'",
                                Integer.class))
                .isPositive();
        for (Snapshot then : snapshots) {
            Response budget = api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022?asOf=" + then.at());
            Response reservation = api.get("auditor", "/api/v1/reservations/" + id + "?asOf=" + then.at());
            assertThat(withoutAsOf(budget.json()))
                    .as("budget as of " + then.at())
                    .isEqualTo(withoutAsOf(then.budget()));
            assertThat(reservation.json()).as("reservation as of " + then.at()).isEqualTo(then.reservation());
        }
        assertThat(api.get("auditor", "/api/v1/reservations/" + id + "?asOf=" + beforeAnything)
                        .status())
                .isEqualTo(404);
        JsonNode before = api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022?asOf=" + beforeAnything)
                .json();
        assertThat(before.at("/lines/0/cap").asText()).isEqualTo("10000.00");
        assertThat(before.at("/lines/0/available").asText()).isEqualTo("10000.00");
    }

    private static Snapshot snapshot(Api api, String id) throws InterruptedException {
        JsonNode budget =
                api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022").json();
        JsonNode reservation = api.get("auditor", "/api/v1/reservations/" + id).json();
        Instant at = Instant.now();
        Thread.sleep(5);
        return new Snapshot(at, budget, reservation);
    }

    private static JsonNode withoutAsOf(JsonNode budget) {
        ObjectNode copy = budget.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private static String allocation(String id, String rijnmond) {
        return """
                {"id":"%s","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"%s"}]}
                """.formatted(id, rijnmond);
    }
}
