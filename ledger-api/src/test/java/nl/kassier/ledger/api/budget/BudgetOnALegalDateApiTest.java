package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A budget on a legal date ({@code ?on=}): only the steps dated on or before that day count, under the amendments in
 * force on it; beside {@code asOf}, the ledger's own clock, and together with it. Tried around a retroactive cut, the
 * steps of one reservation, and a closing.
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=budget-on-a-legal-date")
class BudgetOnALegalDateApiTest {

    @LocalServerPort
    int port;

    private JsonNode line(Api api, String query) {
        JsonNode budget = api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022" + query)
                .ok(200)
                .json();
        return budget.get("lines").get(0);
    }

    private String status(Api api, String query) {
        return api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022" + query)
                .ok(200)
                .json()
                .get("status")
                .asText();
    }

    @Test
    void countsOnlyWhatWasDatedByThatDayUnderTheLawOfThatDay() {
        Api api = new Api(port);
        api.post("szw", "/api/v1/amendments", """
                {"id":"on-2022","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"}]}
                """).ok(201);
        // Retroactive from October: rijnmond's allocation is cut to 40,000.00.
        api.post("szw", "/api/v1/amendments", """
                {"id":"on-2022-cut","title":"Illustratieve korting 2022 (test)","effectiveFrom":"2022-10-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"40000.00"}]}
                """).ok(201);
        String id = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                        {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"1000.00",
                         "candidate":{"ref":"on-1","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                         "date":"2022-03-01"}
                        """)
                .ok(201)
                .json()
                .get("id")
                .asText();
        api.post(
                        "coord-rijnmond",
                        "/api/v1/reservations/" + id + "/commit",
                        "{\"amount\":\"1000.00\",\"date\":\"2022-03-10\"}")
                .ok(200);
        api.post(
                        "kassier",
                        "/api/v1/reservations/" + id + "/payments",
                        "{\"paymentId\":\"ON-1\",\"amount\":\"400.00\",\"date\":\"2022-04-01\"}")
                .ok(201);
        Instant beforeTheClosing = Instant.now();
        api.post("kassier", "/api/v1/regions/rijnmond/budgets/2022/closing", "{\"date\":\"2025-03-31\"}")
                .ok(200);

        assertThat(line(api, "?on=2022-02-28").get("reserved").asText()).isEqualTo("0.00");
        assertThat(line(api, "?on=2022-03-05").get("reserved").asText()).isEqualTo("1000.00");
        assertThat(line(api, "?on=2022-03-15").get("committed").asText()).isEqualTo("1000.00");
        JsonNode paid = line(api, "?on=2022-04-01");
        assertThat(paid.get("committed").asText()).isEqualTo("600.00");
        assertThat(paid.get("paid").asText()).isEqualTo("400.00");

        assertThat(line(api, "?on=2022-09-30").get("cap").asText()).isEqualTo("50000.00");
        assertThat(line(api, "?on=2022-10-01").get("cap").asText()).isEqualTo("40000.00");
        assertThat(line(api, "?on=2022-10-01").get("available").asText()).isEqualTo("39000.00");

        assertThat(status(api, "?on=2025-03-30")).isEqualTo("OPEN");
        assertThat(status(api, "?on=2025-03-31")).isEqualTo("CLOSED");
        assertThat(status(api, "")).isEqualTo("CLOSED");
        // Both clocks: on a day after the closing, as the ledger knew it before the closing was recorded.
        assertThat(status(api, "?on=2025-04-01&asOf=" + beforeTheClosing)).isEqualTo("OPEN");
    }
}
