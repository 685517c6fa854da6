package nl.kassier.ledger.api.regeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The regeling over HTTP, the whole path: request → command → event in PostgreSQL → tracking projection → response.
 * Every refusal is checked to have written no event.
 */
@LedgerServiceTest
class AmendmentsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventStore(jdbc);
    }

    @Test
    void recordsTheNineVersionsOfTheRegelingAtFirstStart() {
        Response response = api.get("auditor", "/api/v1/amendments");

        assertThat(response.status()).isEqualTo(200);
        List<String> ids = StreamSupport.stream(response.json().spliterator(), false)
                .map(a -> a.get("id").asText())
                .toList();
        assertThat(ids)
                .startsWith(
                        "start",
                        "wijziging-1",
                        "wijziging-2",
                        "wijziging-3",
                        "wijziging-4",
                        "wijziging-5",
                        "wijziging-6",
                        "wijziging-7",
                        "wijziging-8");
        assertThat(events.countOfType("AmendmentPublished")).isGreaterThanOrEqualTo(9);
        JsonNode wijziging7 = response.json().get(7);
        assertThat(wijziging7.get("gazette").asText()).isEqualTo("Stcrt. 2022, 34833");
        assertThat(wijziging7.get("schemeEndsOn").asText()).isEqualTo("2024-12-31");
        assertThat(wijziging7.get("recordedAt").asText()).endsWith("Z");
    }

    @Test
    void givesThe2021CapsOnBothSidesOfTheRetroactiveCut() {
        assertThat(caps("/api/v1/caps?year=2021&on=2021-11-01"))
                .containsExactly(
                        "AANVULLENDE_DIENSTVERLENING=28953150.00",
                        "PRAKTIJKLEREN=28000000.00",
                        "WERKFITBEHOUD=15150000.00",
                        "UITVOERINGSKOSTEN=17000000.00");
        assertThat(caps("/api/v1/caps?year=2021&on=2021-12-31"))
                .containsExactly(
                        "AANVULLENDE_DIENSTVERLENING=28953150.00",
                        "PRAKTIJKLEREN=5500000.00",
                        "WERKFITBEHOUD=15150000.00",
                        "UITVOERINGSKOSTEN=17000000.00");
    }

    @Test
    void givesThe2022Caps() {
        assertThat(caps("/api/v1/caps?year=2022&on=2022-06-30"))
                .containsExactly(
                        "AANVULLENDE_DIENSTVERLENING=38604200.00",
                        "PRAKTIJKLEREN=22500000.00",
                        "WERKFITBEHOUD=9750000.00",
                        "UITVOERINGSKOSTEN=22666667.00");
    }

    @Test
    void givesOneMergedCapFor2023RaisedByWijziging8() {
        assertThat(caps("/api/v1/caps?year=2023&on=2023-06-30"))
                .containsExactly(
                        "AANVULLENDE_DIENSTVERLENING+PRAKTIJKLEREN+WERKFITBEHOUD=21000000.00",
                        "UITVOERINGSKOSTEN=23516924.00");
        assertThat(caps("/api/v1/caps?year=2023&on=2023-12-01"))
                .containsExactly(
                        "AANVULLENDE_DIENSTVERLENING+PRAKTIJKLEREN+WERKFITBEHOUD=25555000.00",
                        "UITVOERINGSKOSTEN=23516924.00");
        JsonNode merged = api.get("auditor", "/api/v1/caps?year=2023&on=2023-12-01")
                .json()
                .get(0);
        assertThat(merged.get("amendmentId").asText()).isEqualTo("wijziging-8");
    }

    @Test
    void knowsNoCapsAsOfAnInstantBeforeTheFirstStart() {
        assertThat(caps("/api/v1/caps?year=2021&on=2021-11-01&asOf=2021-01-01T00:00:00Z"))
                .isEmpty();
    }

    @Test
    void answersCapsAsOfTheInstantTheLedgerRecordedTheAmendment() {
        Response published = api.post("szw", "/api/v1/amendments", """
                {"id":"as-of-2031","title":"Plafond 2031 (test)","effectiveFrom":"2031-01-01",
                 "caps":[{"year":2031,"budgets":["PRAKTIJKLEREN"],"amount":"1000.00"}]}
                """);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        // The instant in the hash chain, as the audit stream shows it.
        java.time.Instant recorded = jdbc.queryForObject(
                        "SELECT recorded_at FROM domain_event_entry WHERE payload_type LIKE '%AmendmentPublished'"
                                + " ORDER BY global_index DESC LIMIT 1",
                        java.sql.Timestamp.class)
                .toInstant();

        assertThat(caps("/api/v1/caps?year=2031&on=2031-06-01&asOf=" + recorded))
                .containsExactly("PRAKTIJKLEREN=1000.00");
        assertThat(caps("/api/v1/caps?year=2031&on=2031-06-01&asOf=" + recorded.minusNanos(1_000)))
                .isEmpty();
    }

    @Test
    void publishesAnAmendmentAndShowsItAtOnce() {
        long before = events.countOfType("AmendmentPublished");

        Response created = api.post("szw", "/api/v1/amendments", """
                {"id":"allocatie-test-2022","title":"Illustratieve verdeling (test)","gazette":"Stcrt. 2099, 1",
                 "publishedOn":"2022-01-01","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["PRAKTIJKLEREN"],"amount":"1000000.00"}],
                 "menu":[{"budget":"PRAKTIJKLEREN","item":"MBO_DIPLOMA","guidePrice":"2100.00"}]}
                """);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("recordedBy").asText()).isEqualTo("szw");
        assertThat(events.countOfType("AmendmentPublished")).isEqualTo(before + 1);
        // Read your writes: another user sees it straight away.
        Response listed = api.get("coord-rijnmond", "/api/v1/amendments/allocatie-test-2022");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().at("/allocations/0/amount").asText()).isEqualTo("1000000.00");
        assertThat(listed.json().at("/menu/0/guidePrice").asText()).isEqualTo("2100.00");
    }

    @Test
    void refusesTheSameAmendmentIdTwice() {
        String body = """
                {"id":"twice","title":"Twee keer","effectiveFrom":"2022-02-01"}
                """;
        assertThat(api.post("szw", "/api/v1/amendments", body).status()).isEqualTo(201);
        long before = events.count();

        Response again = api.post("szw", "/api/v1/amendments", body);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("DUPLICATE");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void answersARetryWithAnIdempotencyKeyWithTheFirstResponse() {
        String body = """
                {"id":"retried","title":"Opnieuw verzonden","effectiveFrom":"2022-03-01"}
                """;
        Response first = publish("szw", body, "publish-retried-1");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long before = events.count();

        Response retry = publish("szw", body, "publish-retried-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.count()).isEqualTo(before);

        Response changed = publish("szw", body.replace("Opnieuw verzonden", "Anders"), "publish-retried-1");
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.code()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(events.count()).isEqualTo(before);
    }

    private Response publish(String user, String body, String idempotencyKey) {
        return api.send(api.request(user, "/api/v1/amendments")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void refusesAllocationsAddingUpToMoreThanTheNationalCap() {
        long before = events.count();

        Response refused = api.post("szw", "/api/v1/amendments", """
                {"id":"te-veel","title":"Te veel","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["PRAKTIJKLEREN"],"amount":"22000000.00"},
                   {"region":"twente","year":2022,"budgets":["PRAKTIJKLEREN"],"amount":"500000.01"}]}
                """);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CAP_EXCEEDED");
        assertThat(refused.isProblem()).isTrue();
        assertThat(events.count()).isEqualTo(before);
        assertThat(api.get("szw", "/api/v1/amendments/te-veel").status()).isEqualTo(404);
    }

    @Test
    void acceptsAllocationsAddingUpToExactlyTheNationalCap() {
        Response accepted = api.post("szw", "/api/v1/amendments", """
                {"id":"precies-genoeg","title":"Precies het plafond","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["WERKFITBEHOUD"],"amount":"9000000.00"},
                   {"region":"twente","year":2022,"budgets":["WERKFITBEHOUD"],"amount":"750000.00"}]}
                """);

        assertThat(accepted.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kassier", "auditor", "coord-rijnmond", "fnv-rijnmond"})
    void refusesPublicationByAnyRoleButSzw(String user) {
        long before = events.count();

        Response refused = api.post("" + user, "/api/v1/amendments", """
                {"id":"niet-van-szw","title":"x","effectiveFrom":"2022-01-01"}
                """);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesRequestsWithoutCredentialsOrWithWrongOnes() {
        long before = events.count();

        Response anonymous = api.post(null, "/api/v1/amendments", "{\"id\":\"anon\"}");
        Response wrongPassword = api.send(api.request(null, "/api/v1/caps?year=2021")
                .header("Authorization", "Basic c3p3Ondyb25n")
                .GET());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.isProblem()).isTrue();
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(events.count()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{bad json",
                "[]",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"unknown\":1}",
                "{\"title\":\"no id\",\"effectiveFrom\":\"2022-01-01\"}",
                "{\"id\":\"Not A Slug\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\"}",
                "{\"id\":\"x\",\"title\":\"t\"}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-13-01\"}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":20220101}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":1000}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"1000.001\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"-5.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"1000000000.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":\"2022\",\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[\"BOGUS\"],\"amount\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":2022,\"budgets\":[],\"amount\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"caps\":[{\"year\":1850,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"allocations\":[{\"region\":\"atlantis\",\"year\":2022,\"budgets\":[\"PRAKTIJKLEREN\"],\"amount\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"menu\":[{\"budget\":\"PRAKTIJKLEREN\",\"item\":\"SCHOLING\",\"maximum\":\"1.00\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"menu\":[{\"budget\":\"PRAKTIJKLEREN\",\"item\":\"MBO_DIPLOMA\"}]}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"eligibility\":{\"covidReferenceDateRequired\":\"yes\"}}",
                "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\",\"schemeEndsOn\":\"2021-12-31\"}",
                "{\"id\":42,\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\"}"
            })
    void refusesMalformedAmendmentsWithFieldErrorsAndWritesNothing(String body) {
        long before = events.count();

        Response refused = api.post("szw", "/api/v1/amendments", body);

        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("errors")).as(body).isNotEmpty();
        assertThat(refused.body()).doesNotContain("Exception", "at nl.", "at org.", "SELECT", "java.");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesAnotherContentType() {
        long before = events.count();

        Response refused = api.post("szw", "/api/v1/amendments", "text/plain", "id=x");

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesAMalformedCapsQuery() {
        assertThat(api.get("auditor", "/api/v1/caps?year=abc").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("auditor", "/api/v1/caps").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("auditor", "/api/v1/caps?year=2021&on=yesterday").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("auditor", "/api/v1/caps?year=2021&asOf=2021-01-01").code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        Response unknown = api.get("auditor", "/api/v1/no-such-thing");
        Response unknownAmendment = api.get("auditor", "/api/v1/amendments/no-such-amendment");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknownAmendment.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void servesOperationsEndpointsWithTheApiVersionHeader() {
        Response health = api.get(null, "/actuator/health");
        Response openApi = api.get(null, "/api/v1/openapi.json");
        Response regions = api.get("gemeente-amsterdam", "/api/v1/regions");

        assertThat(health.status()).isEqualTo(200);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().at("/paths").has("/api/v1/amendments")).isTrue();
        assertThat(regions.apiVersion()).isEqualTo("1.0.0");
        assertThat(regions.json()).hasSize(35);
        assertThat(regions.json().toString()).contains("{\"code\":\"helmond-de-peel\",\"name\":\"Helmond-De Peel\"}");
    }

    private List<String> caps(String path) {
        Response response = api.get("auditor", path);
        assertThat(response.status()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (JsonNode line : response.json()) {
            List<String> budgets = new ArrayList<>();
            line.get("budgets").forEach(b -> budgets.add(b.asText()));
            lines.add(String.join("+", budgets) + "=" + line.get("amount").asText());
        }
        return lines;
    }
}
