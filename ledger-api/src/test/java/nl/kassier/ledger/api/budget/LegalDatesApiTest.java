package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * The law's dates over HTTP, where the users stand now: after the regeling lapsed on 2025-01-01. Each booking that
 * cannot exist in law is refused with its code and writes nothing; the same booking dated as the law allows passes,
 * and the history shows every step's legal date beside the day it was recorded.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=legal-dates")
class LegalDatesApiTest {

    private static final String AANVULLEND = "AANVULLENDE_DIENSTVERLENING";

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
                {"id":"legal-dates","title":"Illustratieve verdeling 2021-2023 (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"drechtsteden","year":2021,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"drechtsteden","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"drechtsteden","year":2022,"budgets":["UITVOERINGSKOSTEN"],"amount":"50000.00"},
                   {"region":"drechtsteden","year":2023,
                    "budgets":["AANVULLENDE_DIENSTVERLENING","PRAKTIJKLEREN","WERKFITBEHOUD"],"amount":"50000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    /** The request is refused with {@code status} and {@code code}, and no event is written. */
    private Response melding(String user, int year, String date, String candidate) {
        return api.post(user, "/api/v1/regions/drechtsteden/reservations", """
                {"year":%d,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"1000.00",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"%s"}
                """.formatted(year, candidate, date));
    }

    private Response step(String user, String id, String step, String body) {
        return api.post(user, "/api/v1/reservations/" + id + "/" + step, body);
    }

    @Test
    void aMeldingLiesInTheYearOfItsBudget() {
        events.refused(() -> melding("fnv-rijnmond", 2021, "2024-12-31", "year-1"), 422, "OUTSIDE_SCHEME");
        events.refused(() -> melding("fnv-rijnmond", 2023, "2022-12-15", "year-2"), 422, "OUTSIDE_SCHEME");

        melding("fnv-rijnmond", 2021, "2021-12-31", "year-1").ok(201);
        melding("fnv-rijnmond", 2023, "2023-01-02", "year-2").ok(201);
    }

    @Test
    void aBackdatedMeldingIsApprovedAndCommittedOnlyWithTheirOwnDatesWithinTheScheme() {
        Response requested = melding("fnv-rijnmond", 2023, "2023-06-01", "late-1");
        requested.ok(201);
        String id = requested.json().get("id").asText();

        // Approved and committed today, after the regeling lapsed: no new obligation arises.
        events.refused(() -> step("coord-drechtsteden", id, "approve", ""), 422, "OUTSIDE_SCHEME");
        events.refused(
                () -> step("coord-drechtsteden", id, "approve", "{\"date\":\"2025-01-01\"}"), 422, "OUTSIDE_SCHEME");
        // Before the melding, or after today: out of order.
        events.refused(
                () -> step("coord-drechtsteden", id, "approve", "{\"date\":\"2023-05-31\"}"), 422, "DATE_OUT_OF_ORDER");
        String tomorrow =
                LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1).toString();
        events.refused(
                () -> step("coord-drechtsteden", id, "approve", "{\"date\":\"" + tomorrow + "\"}"),
                422,
                "DATE_OUT_OF_ORDER");
        step("coord-drechtsteden", id, "approve", "{\"date\":\"2023-06-10\"}").ok(200);

        events.refused(() -> step("fnv-rijnmond", id, "commit", "{\"amount\":\"900.00\"}"), 422, "OUTSIDE_SCHEME");
        events.refused(
                () -> step("fnv-rijnmond", id, "commit", "{\"amount\":\"900.00\",\"date\":\"2023-06-09\"}"),
                422,
                "DATE_OUT_OF_ORDER");
        Response committed = step("fnv-rijnmond", id, "commit", "{\"amount\":\"900.00\",\"date\":\"2023-06-20\"}");
        committed.ok(200);
        assertThat(committed.json().get("status").asText()).isEqualTo("COMMITTED");
    }

    @Test
    void aPaymentFollowsItsCommitmentAndNeverLiesAhead() {
        String id = committedOn("2022-03-01", "2022-03-15", "pay-1");

        events.refused(() -> pay(id, "PAY-LD-1", "100.00", "2020-01-01"), 422, "DATE_OUT_OF_ORDER");
        events.refused(() -> pay(id, "PAY-LD-1", "100.00", "2022-03-14"), 422, "DATE_OUT_OF_ORDER");
        String tomorrow =
                LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1).toString();
        events.refused(() -> pay(id, "PAY-LD-1", "100.00", tomorrow), 422, "DATE_OUT_OF_ORDER");

        pay(id, "PAY-LD-1", "100.00", "2022-03-15").ok(201);
        // After the regeling lapsed, a commitment made within it is still paid (no amendment ends the payments).
        pay(id, "PAY-LD-2", "200.00", "2025-02-01").ok(201);

        JsonNode history =
                api.get("kassier", "/api/v1/reservations/" + id).json().get("history");
        List<String> steps = new ArrayList<>();
        for (JsonNode step : history) {
            steps.add(step.get("type").asText() + " " + step.get("date").asText());
        }
        assertThat(steps)
                .containsExactly("RESERVED 2022-03-01", "COMMITTED 2022-03-15", "PAID 2022-03-15", "PAID 2025-02-01");
        JsonNode firstPayment = history.get(2);
        assertThat(firstPayment.get("paymentId").asText()).isEqualTo("PAY-LD-1");
        assertThat(Instant.parse(firstPayment.get("at").asText()))
                .as("recorded now, dated in law years before")
                .isAfter(Instant.parse("2025-02-02T00:00:00Z"));
        JsonNode commitment = history.get(1);
        assertThat(commitment.get("released").asText()).isEqualTo("100.00");
        assertThat(commitment.get("reference").asText()).isEqualTo("opdracht-pay-1");
    }

    @Test
    void aRejectionAndAReleaseMayFollowTheSchemesEnd() {
        Response requested = melding("fnv-rijnmond", 2022, "2022-05-01", "after-1");
        requested.ok(201);
        Response rejected =
                step("coord-drechtsteden", requested.json().get("id").asText(), "reject", "{\"reason\":\"te laat\"}");
        rejected.ok(200);
        assertThat(rejected.json().get("history").get(1).get("reason").asText()).isEqualTo("te laat");

        Response reserved = melding("coord-drechtsteden", 2022, "2022-05-02", "after-2");
        reserved.ok(201);
        Response released = step("coord-drechtsteden", reserved.json().get("id").asText(), "release", "");
        released.ok(200);
        assertThat(released.json().get("status").asText()).isEqualTo("RELEASED");
        assertThat(released.json().get("history").get(1).get("date").asText())
                .isEqualTo(LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString());
    }

    @Test
    void uitvoeringskostenAreDrawnByTheCoordinatorAndByPartnersOfUwvAndTheGemeentenOnly() {
        String body = """
                {"year":2022,"budget":"UITVOERINGSKOSTEN","menuItem":"PERSONELE_INZET","amount":"5000.00",
                 "date":"2022-04-01"}""";
        events.refused(
                () -> api.post("fnv-rijnmond", "/api/v1/regions/drechtsteden/reservations", body), 403, "FORBIDDEN");
        api.post("uwv-rijnmond", "/api/v1/regions/drechtsteden/reservations", body)
                .ok(201);
        api.post("coord-drechtsteden", "/api/v1/regions/drechtsteden/reservations", body)
                .ok(201);
    }

    /** A coördinator's reservation (reserved at once) of 1,000.00 dated {@code on}, committed for 900.00. */
    private String committedOn(String on, String committedOn, String candidate) {
        Response reserved = melding("coord-drechtsteden", Integer.parseInt(on.substring(0, 4)), on, candidate);
        reserved.ok(201);
        String id = reserved.json().get("id").asText();
        step(
                        "coord-drechtsteden",
                        id,
                        "commit",
                        "{\"amount\":\"900.00\",\"reference\":\"opdracht-" + candidate + "\",\"date\":\"" + committedOn
                                + "\"}")
                .ok(200);
        return id;
    }

    private Response pay(String id, String paymentId, String amount, String date) {
        return api.post(
                "kassier",
                "/api/v1/reservations/" + id + "/payments",
                "{\"paymentId\":\"" + paymentId + "\",\"amount\":\"" + amount + "\",\"date\":\"" + date + "\"}");
    }
}
