package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The end of a budget year over HTTP: the kassier closes it (one region, or all 35 at once), SZW settles it, and the
 * budget says where it stands. What a closing frees is back in {@code available}; commitments stay payable until the
 * settlement releases what they did not pay; after that every command on the budget is refused and writes nothing.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=closing")
class ClosingApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;

    @BeforeAll
    void allocate() {
        api = new Api(port);
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"closing","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"rijnmond","year":2023,
                    "budgets":["AANVULLENDE_DIENSTVERLENING","PRAKTIJKLEREN","WERKFITBEHOUD"],"amount":"50000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    private String melding(String user, int year, String date, String candidate) {
        return api.post(user, "/api/v1/regions/rijnmond/reservations", """
                {"year":%d,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"1000.00",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"%s"}
                """.formatted(year, candidate, date))
                .ok(201)
                .json()
                .get("id")
                .asText();
    }

    private Response post(String user, String path, String body) {
        return api.post(user, "/api/v1" + path, body);
    }

    private JsonNode budget(int year) {
        return api.get("kassier", "/api/v1/regions/rijnmond/budgets/" + year)
                .ok(200)
                .json();
    }

    private String status(String reservation) {
        return api.get("kassier", "/api/v1/reservations/" + reservation)
                .ok(200)
                .json()
                .get("status")
                .asText();
    }

    private Map<String, String> line(JsonNode budget) {
        Map<String, String> figures = new HashMap<>();
        JsonNode line = budget.get("lines").get(0);
        for (String field : new String[] {"requested", "reserved", "committed", "paid", "available"}) {
            figures.put(field, line.get(field).asText());
        }
        return figures;
    }

    @Test
    void closingFreesWhatIsNotCommittedAndSettlementEndsEverything() {
        String requested = melding("fnv-rijnmond", 2022, "2022-03-01", "end-1");
        String reserved = melding("coord-rijnmond", 2022, "2022-03-01", "end-2");
        String committed = melding("coord-rijnmond", 2022, "2022-03-01", "end-3");
        post(
                        "coord-rijnmond",
                        "/reservations/" + committed + "/commit",
                        "{\"amount\":\"1000.00\",\"date\":\"2022-03-10\"}")
                .ok(200);
        String partlyPaid = melding("coord-rijnmond", 2022, "2022-03-01", "end-4");
        post(
                        "coord-rijnmond",
                        "/reservations/" + partlyPaid + "/commit",
                        "{\"amount\":\"1000.00\",\"date\":\"2022-03-10\"}")
                .ok(200);
        post(
                        "kassier",
                        "/reservations/" + partlyPaid + "/payments",
                        "{\"paymentId\":\"END-4-1\",\"amount\":\"400.00\",\"date\":\"2022-04-01\"}")
                .ok(201);
        assertThat(budget(2022).get("status").asText()).isEqualTo("OPEN");
        assertThat(line(budget(2022)))
                .containsEntry("requested", "1000.00")
                .containsEntry("reserved", "1000.00")
                .containsEntry("committed", "1600.00")
                .containsEntry("paid", "400.00")
                .containsEntry("available", "46000.00");

        String closing = "{\"date\":\"2025-03-31\",\"reason\":\"jaar 2022 afgesloten\"}";
        events.refused(
                () -> post("coord-rijnmond", "/regions/rijnmond/budgets/2022/closing", closing), 403, "FORBIDDEN");
        events.refused(() -> post("szw", "/regions/rijnmond/budgets/2022/closing", closing), 403, "FORBIDDEN");
        events.refused(
                () -> post("kassier", "/regions/rijnmond/budgets/2022/closing", "{\"date\":\"2022-12-31\"}"),
                422,
                "DATE_OUT_OF_ORDER");
        events.refused(() -> post("szw", "/regions/rijnmond/budgets/2022/settlement", "{}"), 409, "INVALID_STATE");

        JsonNode closed = post("kassier", "/regions/rijnmond/budgets/2022/closing", closing)
                .ok(200)
                .json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(line(closed))
                .containsEntry("requested", "0.00")
                .containsEntry("reserved", "0.00")
                .containsEntry("committed", "1600.00")
                .containsEntry("paid", "400.00")
                .containsEntry("available", "48000.00");
        assertThat(status(requested)).isEqualTo("REJECTED");
        assertThat(status(reserved)).isEqualTo("RELEASED");
        JsonNode freed = api.get("kassier", "/api/v1/reservations/" + requested)
                .json()
                .get("history")
                .get(1);
        assertThat(freed.get("reason").asText()).isEqualTo("jaar 2022 afgesloten");
        assertThat(freed.get("date").asText()).isEqualTo("2025-03-31");
        assertThat(freed.get("actor").asText()).isEqualTo("kassier");

        // No new obligation on a closed year; its commitments are still paid.
        events.refused(
                () -> api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                        {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"1.00",
                         "candidate":{"ref":"end-9","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                         "date":"2022-06-01"}
                        """), 409, "INVALID_STATE");
        events.refused(() -> post("kassier", "/regions/rijnmond/budgets/2022/closing", closing), 409, "INVALID_STATE");
        post(
                        "kassier",
                        "/reservations/" + committed + "/payments",
                        "{\"paymentId\":\"END-3-1\",\"amount\":\"1000.00\",\"date\":\"2025-04-01\"}")
                .ok(201);
        assertThat(status(committed)).isEqualTo("PAID");

        String settlement = "{\"date\":\"2025-06-30\",\"reason\":\"vastgesteld\"}";
        events.refused(
                () -> post("kassier", "/regions/rijnmond/budgets/2022/settlement", settlement), 403, "FORBIDDEN");
        JsonNode settled = post("szw", "/regions/rijnmond/budgets/2022/settlement", settlement)
                .ok(200)
                .json();
        assertThat(settled.get("status").asText()).isEqualTo("SETTLED");
        assertThat(status(partlyPaid)).isEqualTo("CLOSED");
        assertThat(line(settled))
                .containsEntry("committed", "0.00")
                .containsEntry("paid", "1400.00")
                .containsEntry("available", "48600.00");

        // Nothing changes on a settled year.
        events.refused(
                () -> post(
                        "kassier",
                        "/reservations/" + partlyPaid + "/payments",
                        "{\"paymentId\":\"END-4-2\",\"amount\":\"1.00\"}"),
                409,
                "INVALID_STATE");
        events.refused(
                () -> post("coord-rijnmond", "/reservations/" + committed + "/release", ""), 409, "INVALID_STATE");
        events.refused(
                () -> post("szw", "/regions/rijnmond/budgets/2022/settlement", settlement), 409, "INVALID_STATE");
        events.refused(() -> post("kassier", "/regions/rijnmond/budgets/2022/closing", closing), 409, "INVALID_STATE");
    }

    @Test
    void theKassierClosesAYearInEveryRegionAtOnceAndSeesWhatHappenedInEach() {
        String requested = melding("fnv-rijnmond", 2023, "2023-02-01", "all-1");
        post("kassier", "/regions/drechtsteden/budgets/2023/closing", "{\"date\":\"2025-01-15\"}")
                .ok(200);
        events.refused(() -> post("coord-rijnmond", "/budgets/2023/closing", "{}"), 403, "FORBIDDEN");

        JsonNode report = post(
                        "kassier", "/budgets/2023/closing", "{\"date\":\"2025-02-01\",\"reason\":\"2023 afgesloten\"}")
                .ok(200)
                .json();

        assertThat(report.get("year").asInt()).isEqualTo(2023);
        assertThat(report.get("regions")).hasSize(35);
        Map<String, JsonNode> byRegion = new HashMap<>();
        report.get("regions").forEach(r -> byRegion.put(r.get("region").asText(), r));
        assertThat(byRegion.get("rijnmond").get("status").asText()).isEqualTo("CLOSED");
        assertThat(byRegion.get("rijnmond").get("rejected").asInt()).isEqualTo(1);
        assertThat(byRegion.get("rijnmond").get("freed").asText()).isEqualTo("1000.00");
        assertThat(byRegion.get("drechtsteden").get("code").asText()).isEqualTo("INVALID_STATE");
        assertThat(byRegion.get("drechtsteden").get("status").asText()).isEqualTo("CLOSED");
        assertThat(byRegion.values())
                .allSatisfy(region -> assertThat(region.get("status").asText()).isEqualTo("CLOSED"));
        assertThat(status(requested)).isEqualTo("REJECTED");
        assertThat(budget(2023).get("status").asText()).isEqualTo("CLOSED");
    }
}
