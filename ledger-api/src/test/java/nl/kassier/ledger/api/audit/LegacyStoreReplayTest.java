package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A store that an earlier version of the service wrote, with what it let in and no read model can hold: a
 * candidate ref of 65 characters, a NUL character in a reference, a payment dated 0000-01-01, an actor named by a
 * 200-character token subject. Its events are replayed into every read model, repaired as they are read, without a
 * stall; the rebuild gives the same tables; the budget goes on deciding; the chain still verifies, for no event is
 * changed.
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=legacy-store")
class LegacyStoreReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectionRebuild rebuild;

    @Autowired
    ProjectionBarrier barrier;

    @Test
    void replaysWhatAnEarlierVersionLetInIntoEveryReadModel() throws Exception {
        Api api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"legacy-rijnmond","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["UITVOERINGSKOSTEN"],"amount":"10000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        String budget = "rijnmond_2022";
        String reservation = budget + "_" + UUID.randomUUID();
        String longName = "s".repeat(200);

        ObjectNode reserved = JSON.createObjectNode();
        reserved.put("budgetId", budget);
        reserved.putObject("reservationId").put("value", reservation);
        reserved.putObject("budget").put("region", "rijnmond").put("year", 2022);
        reserved.put("budgetType", "UITVOERINGSKOSTEN");
        reserved.put("menuItem", "PERSONELE_INZET");
        reserved.put("amount", "1000.00");
        reserved.putObject("candidate")
                .put("ref", "r".repeat(65))
                .put("targetGroup", "WW")
                .put("jobLossDate", "0000-01-01")
                .put("jobAgreement", false);
        reserved.put("date", "2022-07-01");
        reserved.put("description", "Jan\u0000Jansen");
        reserved.put("status", "RESERVED");
        reserved.putArray("capLine").add("UITVOERINGSKOSTEN");
        reserved.put("allocationAmendmentId", "legacy-rijnmond");
        reserved.put("aboveGuidePrice", false);
        reserved.put("fingerprint", "legacy");
        reserved.set("actor", actor(longName, "COORDINATOR"));
        append(budget, BudgetReserved.class, reserved);

        ObjectNode committed = JSON.createObjectNode();
        committed.put("budgetId", budget);
        committed.putObject("reservationId").put("value", reservation);
        committed.put("amount", "800.00");
        committed.put("released", "200.00");
        committed.put("reference", "opdracht\u0000" + "x".repeat(300));
        committed.set("actor", actor(longName, "COORDINATOR"));
        append(budget, ReservationCommitted.class, committed);

        ObjectNode paid = JSON.createObjectNode();
        paid.put("budgetId", budget);
        paid.putObject("reservationId").put("value", reservation);
        paid.put("paymentId", "PAY-LEGACY-1");
        paid.put("amount", "300.00");
        paid.put("date", "0000-01-01");
        paid.put("invoiceRef", "factuur\u0007");
        paid.put("fingerprint", "legacy");
        paid.put("status", "PARTIALLY_PAID");
        paid.set("actor", actor("kassier", "KASSIER"));
        append(budget, PaymentRegistered.class, paid);

        ObjectNode released = JSON.createObjectNode();
        released.put("budgetId", budget);
        released.putObject("reservationId").put("value", reservation);
        released.put("released", "500.00");
        released.put("reason", "\u0000");
        released.put("status", "CLOSED");
        released.set("actor", actor(longName, "COORDINATOR"));
        append(budget, ReservationReleased.class, released);

        // An amendment an earlier version took: a blank gazette, and a publisher named by a long token subject.
        ObjectNode amendment = JSON.createObjectNode();
        amendment.put("id", "legacy-blank-gazette");
        amendment.put("title", "Een wijziging van vroeger\u0000 (test)");
        amendment.put("gazette", "");
        amendment.put("effectiveFrom", "2022-01-01");
        amendment.putArray("caps");
        amendment.putArray("allocations");
        amendment.putArray("menu");
        ObjectNode published = JSON.createObjectNode();
        published.put("regelingId", "BWBR0044968");
        published.set("amendment", amendment);
        published.put("actor", longName);
        append("BWBR0044968", AmendmentPublished.class, published, "Regeling");

        barrier.awaitEverything(PATIENCE);
        JsonNode legacyAmendment =
                api.get("auditor", "/api/v1/amendments/legacy-blank-gazette").json();
        assertThat(legacyAmendment.path("title").asText()).isEqualTo("Een wijziging van vroeger\uFFFD (test)");
        assertThat(legacyAmendment.path("gazette").isMissingNode())
                .as(legacyAmendment.toString())
                .isTrue();
        assertThat(legacyAmendment.path("recordedBy").asText()).isEqualTo(longName);
        // The regeling still decides: a new amendment is published after the old one.
        assertThat(api.post("szw", "/api/v1/amendments", """
                                {"id":"after-legacy","title":"Na de oude wijziging (test)","effectiveFrom":"2022-01-01"}""").status()).isEqualTo(201);
        assertThat(api.get(null, "/actuator/health").status())
                .as("no processor is stuck")
                .isEqualTo(200);
        // The pseudonym is for the regional roles to read.
        JsonNode shown =
                api.get("coord-rijnmond", "/api/v1/reservations/" + reservation).json();
        assertThat(shown.path("status").asText()).as(shown.toString()).isEqualTo("CLOSED");
        assertThat(shown.path("candidateRef").asText()).startsWith("legacy-").hasSize("legacy-".length() + 16);
        assertThat(shown.path("paid").asText()).isEqualTo("300.00");
        assertThat(shown.path("requestedBy").asText()).hasSize(128).endsWith("…");
        assertThat(shown.at("/history/1/detail").asText())
                .startsWith("opdracht\uFFFDx")
                .hasSize(128);
        assertThat(shown.at("/history/3/detail").asText()).isEqualTo("\uFFFD");
        assertThat(jdbc.queryForObject(
                                "SELECT payment_date FROM payment_view WHERE payment_id = 'PAY-LEGACY-1'",
                                java.sql.Date.class)
                        .toLocalDate())
                .isEqualTo(java.time.LocalDate.of(2000, 1, 1));

        Map<String, List<Map<String, Object>>> before = dump();
        rebuild.rebuild();
        assertThat(dump()).isEqualTo(before);

        // The budget decides on, with the legacy reservation's 300.00 paid counted against its cap.
        Response more = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"UITVOERINGSKOSTEN","menuItem":"PERSONELE_INZET","amount":"9700.01",
                 "date":"2022-07-02"}""");
        assertThat(more.code()).as(more.body()).isEqualTo("CAP_EXCEEDED");

        // A candidate known only from an event recorded in the clear can be erased from every read model, also after
        // a rebuild; the stored event keeps what it held (nothing is rewritten).
        String legacyRef = shown.path("candidateRef").asText();
        Response erased =
                api.post("szw", "/api/v1/candidates/" + legacyRef + "/erasure", "{\"reason\":\"verzoek (test)\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        rebuild.rebuild();
        JsonNode after =
                api.get("coord-rijnmond", "/api/v1/reservations/" + reservation).json();
        assertThat(after.get("candidateRef").isNull()).as(after.toString()).isTrue();
        assertThat(after.get("erased").asBoolean()).isTrue();
        JsonNode asOf = api.get("coord-rijnmond", "/api/v1/reservations/" + reservation + "?asOf=" + Instant.now())
                .json();
        assertThat(asOf.get("candidateRef").isNull())
                .as("replayed as of now: " + asOf)
                .isTrue();
        assertThat(asOf.get("erased").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM reservation_view WHERE candidate_ref IS NOT NULL", Long.class))
                .isZero();
        assertThat(api.get("auditor", "/api/v1/audit/verify")
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
    }

    private static ObjectNode actor(String username, String role) {
        ObjectNode actor = JSON.createObjectNode();
        actor.put("username", username);
        actor.put("role", role);
        actor.putNull("organisation");
        return actor;
    }

    /** Appends an event as an earlier version stored it: the JSON it wrote, the next sequence of its aggregate. */
    private void append(String aggregate, Class<?> type, ObjectNode payload) throws Exception {
        append(aggregate, type, payload, "Budget");
    }

    private void append(String aggregate, Class<?> type, ObjectNode payload, String aggregateType) throws Exception {
        Long last = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                aggregate);
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)",
                UUID.randomUUID().toString(),
                aggregate,
                last == null ? 0 : last + 1,
                aggregateType,
                Instant.now().toString(),
                type.getName(),
                JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, List<Map<String, Object>>> dump() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        tables.put("reservation_view", jdbc.queryForList("SELECT * FROM reservation_view ORDER BY reservation_id"));
        tables.put(
                "reservation_history",
                jdbc.queryForList("SELECT * FROM reservation_history ORDER BY reservation_id, event_position"));
        tables.put("payment_view", jdbc.queryForList("SELECT * FROM payment_view ORDER BY payment_id"));
        tables.put("budget_usage", jdbc.queryForList("SELECT * FROM budget_usage ORDER BY region, year, budget_type"));
        return tables;
    }
}
