package nl.kassier.ledger.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerIntegrity;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A candidate forgotten on request: after SZW's erasure their pseudonym and the description are in no response, no
 * table (read models, keys, snapshots) and no byte of a stored event, while every figure, the hash chain and its
 * offline verification stay as they were, and the menukaart maximum still counts what they had.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=erasure")
class ErasureApiTest {

    private static final String REF = "erase-me-7q";
    private static final String DESCRIPTION = "omschrijving-die-weg-moet-3k";
    private static final String KEPT = "keep-me-8w";

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
        api.post("szw", "/api/v1/amendments", """
                {"id":"erasure","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"}]}
                """).ok(201);
    }

    private Response reserve(String user, String ref, String amount, String description) {
        return api.post(user, "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%s",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-02-17","jobAgreement":false},
                 "date":"2022-03-01","description":"%s"}
                """.formatted(amount, ref, description));
    }

    private String id(Response response) {
        return response.ok(201).json().get("id").asText();
    }

    private JsonNode statement() {
        ObjectNode statement = (ObjectNode) api.get("kassier", "/api/v1/regions/rijnmond/statements/2022?on=2022-12-31")
                .ok(200)
                .json();
        // What the chain has grown by (the erasure is an event) is not a figure.
        statement.remove(List.of("asOf", "position", "chainHead"));
        return statement;
    }

    private JsonNode budget() {
        ObjectNode budget = (ObjectNode) api.get("kassier", "/api/v1/regions/rijnmond/budgets/2022")
                .ok(200)
                .json();
        budget.remove("asOf");
        return budget;
    }

    @Test
    void anErasedCandidateIsInNoResponseTableOrEventAndEveryFigureStays(@TempDir Path dir) {
        String erased = id(reserve("coord-rijnmond", REF, "3000.00", DESCRIPTION));
        String kept = id(reserve("fnv-rijnmond", KEPT, "1000.00", "blijft"));
        api.post(
                        "coord-rijnmond",
                        "/api/v1/reservations/" + erased + "/commit",
                        "{\"amount\":\"3000.00\",\"date\":\"2022-03-10\"}")
                .ok(200);
        api.post(
                        "kassier",
                        "/api/v1/reservations/" + erased + "/payments",
                        "{\"paymentId\":\"PAY-ERASE-1\",\"amount\":\"1000.00\",\"date\":\"2022-04-01\"}")
                .ok(201);
        assertThat(api.get("coord-rijnmond", "/api/v1/reservations/" + erased)
                        .ok(200)
                        .json()
                        .get("candidateRef")
                        .asText())
                .isEqualTo(REF);
        assertThat(stored(REF))
                .as("the pseudonym is sealed in the events from the start")
                .isEmpty();
        assertThat(stored(DESCRIPTION)).isEmpty();
        JsonNode budgetBefore = budget();
        JsonNode statementBefore = statement();

        // Refused, and nothing recorded: the wrong role, no reason, a BSN, a candidate the ledger never held.
        events.refused(
                () -> api.post("coord-rijnmond", "/api/v1/candidates/" + REF + "/erasure", "{\"reason\":\"AVG\"}"),
                403,
                "FORBIDDEN");
        events.refused(() -> api.post("szw", "/api/v1/candidates/" + REF + "/erasure", "{}"), 400, "VALIDATION_FAILED");
        events.refused(
                () -> api.post(
                        "szw", "/api/v1/candidates/" + REF + "/erasure", "{\"reason\":\"verzoek van " + REF + "\"}"),
                400,
                "VALIDATION_FAILED");
        events.refused(
                () -> api.post("szw", "/api/v1/candidates/123456782/erasure", "{\"reason\":\"AVG\"}"),
                400,
                "VALIDATION_FAILED");
        events.refused(
                () -> api.post("szw", "/api/v1/candidates/never-seen-1/erasure", "{\"reason\":\"AVG\"}"),
                404,
                "NOT_FOUND");

        JsonNode erasure = api.post(
                        "szw",
                        "/api/v1/candidates/" + REF + "/erasure",
                        "{\"reason\":\"verzoek tot verwijdering, dossier 2025-014\"}")
                .ok(200)
                .json();
        assertThat(erasure.get("erased").asBoolean()).isTrue();
        assertThat(erasure.get("reservations").asLong()).isEqualTo(1);
        assertThat(erasure.get("recorded").asBoolean()).isTrue();

        JsonNode shown = api.get("coord-rijnmond", "/api/v1/reservations/" + erased)
                .ok(200)
                .json();
        assertThat(shown.get("candidateRef").isNull()).as(shown.toString()).isTrue();
        assertThat(shown.get("erased").asBoolean()).isTrue();
        assertThat(shown.get("paid").asText()).isEqualTo("1000.00");
        JsonNode other = api.get("coord-rijnmond", "/api/v1/reservations/" + kept)
                .ok(200)
                .json();
        assertThat(other.get("candidateRef").asText()).isEqualTo(KEPT);
        assertThat(other.get("erased").asBoolean()).isFalse();
        assertThat(budget()).isEqualTo(budgetBefore);
        assertThat(statement()).isEqualTo(statementBefore);

        List<String> responses = new ArrayList<>();
        for (String user : List.of("coord-rijnmond", "fnv-rijnmond", "kassier", "auditor", "szw")) {
            responses.add(api.get(user, "/api/v1/reservations/" + erased).body());
            responses.add(api.get(user, "/api/v1/reservations/" + erased + "?asOf=" + java.time.Instant.now())
                    .body());
            responses.add(api.get(user, "/api/v1/regions/rijnmond/reservations?year=2022&size=100")
                    .body());
            responses.add(api.get(user, "/api/v1/payments?from=2022-01-01&to=2022-12-31")
                    .body());
            responses.add(api.get(user, "/api/v1/monitor?year=2022&period=2&region=rijnmond")
                    .body());
        }
        responses.add(stream());
        responses.add(
                api.send(api.request("auditor", "/api/v1/audit/export").GET()).body());
        responses.add(api.get("kassier", "/api/v1/regions/rijnmond/statements/2022.csv")
                .body());
        for (String body : responses) {
            assertThat(body).doesNotContain(REF).doesNotContain(DESCRIPTION);
        }
        assertThat(stored(REF)).as("tables holding the pseudonym").isEmpty();
        assertThat(stored(DESCRIPTION)).as("tables holding the description").isEmpty();
        LedgerIntegrity.assertVerified(api, dir);

        // The same pseudonym again: a new key, and the menukaart maximum (5,000.00 for scholing) still counts the
        // 3,000.00 reserved before the erasure, for the ledger names the candidate by a keyed digest of it.
        events.refused(() -> reserve("coord-rijnmond", REF, "2000.01", "opnieuw"), 422, "ABOVE_MENU_MAXIMUM");
        String again = id(reserve("coord-rijnmond", REF, "2000.00", "opnieuw"));
        assertThat(api.get("coord-rijnmond", "/api/v1/reservations/" + again)
                        .ok(200)
                        .json()
                        .get("candidateRef")
                        .asText())
                .isEqualTo(REF);
        assertThat(api.get("coord-rijnmond", "/api/v1/reservations/" + erased)
                        .ok(200)
                        .json()
                        .get("erased")
                        .asBoolean())
                .isTrue();

        // Erased again: the new reservation's key goes too; a third time finds nothing left and records nothing.
        JsonNode second = api.post("szw", "/api/v1/candidates/" + REF + "/erasure", "{\"reason\":\"opnieuw\"}")
                .ok(200)
                .json();
        assertThat(second.get("keysDestroyed").asInt()).isEqualTo(1);
        long before = events.count();
        JsonNode third = api.post("szw", "/api/v1/candidates/" + REF + "/erasure", "{\"reason\":\"nog eens\"}")
                .ok(200)
                .json();
        assertThat(third.get("recorded").asBoolean()).isFalse();
        assertThat(events.count()).isEqualTo(before);
        assertThat(stored(REF)).isEmpty();
    }

    @Test
    void anAuditorsStreamCarriesCiphertextAndSzwReadsNoPseudonym() {
        String id = id(reserve("fnv-rijnmond", "seen-by-partner-1", "100.00", "alleen-versleuteld-9"));
        String stream = stream();
        assertThat(stream)
                .doesNotContain("seen-by-partner-1")
                .doesNotContain("alleen-versleuteld-9")
                .contains("ciphertext");
        for (String national : List.of("szw", "kassier", "auditor")) {
            JsonNode reservation =
                    api.get(national, "/api/v1/reservations/" + id).ok(200).json();
            assertThat(reservation.get("candidateRef").isNull()).as(national).isTrue();
            assertThat(reservation.get("erased").asBoolean()).isFalse();
        }
        assertThat(api.get("fnv-rijnmond", "/api/v1/reservations/" + id)
                        .ok(200)
                        .json()
                        .get("candidateRef")
                        .asText())
                .isEqualTo("seen-by-partner-1");
    }

    /** The auditor's whole event stream, page after page, as the bodies received. */
    private String stream() {
        StringBuilder all = new StringBuilder();
        long after = 0;
        while (true) {
            Response page = api.get("auditor", "/api/v1/audit/events?limit=1000&after=" + after)
                    .ok(200);
            JsonNode events = page.json().get("events");
            if (events.isEmpty()) {
                return all.toString();
            }
            all.append(page.body());
            after = events.get(events.size() - 1).get("position").asLong();
        }
    }

    /**
     * The tables (and columns) in which {@code text} occurs: every table of the schema, each row as text, and every
     * binary column (event payloads, metadata, snapshots, keys) as its bytes read as UTF-8 and as hex.
     */
    private List<String> stored(String text) {
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        List<String> tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_type = 'BASE TABLE'",
                String.class);
        for (String table : tables) {
            Long rows = jdbc.queryForObject(
                    "SELECT count(*) FROM \"" + table + "\" t WHERE position(? IN t::text) > 0"
                            + " OR position(? IN t::text) > 0",
                    Long.class,
                    text,
                    hex);
            if (rows != null && rows > 0) {
                found.add(table);
            }
        }
        Long inPayloads = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') IN payload) > 0"
                        + " OR position(convert_to(?, 'UTF8') IN meta_data) > 0",
                Long.class,
                text,
                text);
        if (inPayloads != null && inPayloads > 0) {
            found.add("domain_event_entry.payload");
        }
        return found;
    }
}
