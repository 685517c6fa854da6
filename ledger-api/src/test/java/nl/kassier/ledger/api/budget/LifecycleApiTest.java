package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
 * The kassiersfunctie as its users check it over HTTP: the life of a reservation, the cap at its boundary and under a
 * race, the merged cap, a retroactive cut, eligibility, steps out of order and idempotent retries. Each scenario works
 * in a region of its own, on a service of its own (its own users file and embedded PostgreSQL).
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.users-file=src/test/resources/lifecycle-users.yml")
class LifecycleApiTest {

    private static final String AANVULLEND = "AANVULLENDE_DIENSTVERLENING";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;

    @BeforeAll
    void publishAllocations() {
        Map<String, String> passwords = new HashMap<>();
        for (String user : List.of("szw", "kassier", "auditor")) {
            passwords.put(user, "test");
        }
        for (String region : List.of(
                "rijnmond", "twente", "zeeland", "groningen", "friesland", "drenthe", "flevoland", "achterhoek")) {
            passwords.put("coord-" + region, "test");
            passwords.put("partner-" + region, "test");
        }
        api = new Api(port, passwords);
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", allocations("lifecycle-2022", "10000.00"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        Response merged = api.post("szw", "/api/v1/amendments", """
                {"id":"lifecycle-2023","title":"Illustratieve verdeling 2023 (test)","effectiveFrom":"2023-01-01",
                 "allocations":[{"region":"groningen","year":2023,
                   "budgets":["AANVULLENDE_DIENSTVERLENING","PRAKTIJKLEREN","WERKFITBEHOUD"],"amount":"10000.00"}]}
                """);
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
    }

    /** The 2022 tables of the scenarios; friesland's allocation is the one a retroactive cut changes. */
    private static String allocations(String id, String friesland) {
        return """
                {"id":"%s","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"twente","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"},
                   {"region":"zeeland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"friesland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"%s"},
                   {"region":"drenthe","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"flevoland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"achterhoek","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"drenthe","year":2022,"budgets":["WERKFITBEHOUD"],"amount":"10000.00"},
                   {"region":"drenthe","year":2022,"budgets":["PRAKTIJKLEREN"],"amount":"10000.00"}]}
                """.formatted(id, friesland);
    }

    @Test
    void walksAReservationFromRequestToPayment() {
        Response requested = reserve(
                "partner-rijnmond", "rijnmond", 2022, AANVULLEND, "SCHOLING", "2500.00", "2022-07-01", "c-1", null);
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.json().get("status").asText()).isEqualTo("REQUESTED");
        String id = requested.json().get("id").asText();
        assertThat(line("coord-rijnmond", "rijnmond", 2022, AANVULLEND)
                        .get("requested")
                        .asText())
                .isEqualTo("2500.00");

        Response approved =
                api.post("coord-rijnmond", "/api/v1/reservations/" + id + "/approve", "{\"date\":\"2022-07-15\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("RESERVED");

        Response committed = api.post(
                "partner-rijnmond",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"2300.00\",\"reference\":\"contract-17\"}");
        assertThat(committed.status()).isEqualTo(200);
        assertThat(committed.json().get("status").asText()).isEqualTo("COMMITTED");
        JsonNode afterCommit = line("coord-rijnmond", "rijnmond", 2022, AANVULLEND);
        assertThat(afterCommit.get("committed").asText()).isEqualTo("2300.00");
        assertThat(afterCommit.get("available").asText()).isEqualTo("47700.00");

        Response first = pay(id, "pay-rijnmond-1", "1000.00", null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("PARTIALLY_PAID");
        Response second = pay(id, "pay-rijnmond-2", "1300.00", null);
        assertThat(second.json().get("status").asText()).isEqualTo("PAID");
        long before = events.count();
        Response tooMuch = pay(id, "pay-rijnmond-3", "0.01", null);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("AMOUNT_EXCEEDED");
        assertThat(events.count()).isEqualTo(before);

        JsonNode reservation =
                api.get("coord-rijnmond", "/api/v1/reservations/" + id).json();
        assertThat(reservation.get("paid").asText()).isEqualTo("2300.00");
        assertThat(reservation.get("committed").asText()).isEqualTo("0.00");
        assertThat(reservation.get("candidateRef").asText()).isEqualTo("c-1");
        List<String> steps = new ArrayList<>();
        reservation
                .get("history")
                .forEach(s -> steps.add(
                        s.get("type").asText() + " by " + s.get("actor").asText()));
        assertThat(steps)
                .containsExactly(
                        "REQUESTED by partner-rijnmond",
                        "APPROVED by coord-rijnmond",
                        "COMMITTED by partner-rijnmond",
                        "PAID by kassier",
                        "PAID by kassier");
        JsonNode budget = line("kassier", "rijnmond", 2022, AANVULLEND);
        assertThat(budget.get("paid").asText()).isEqualTo("2300.00");
        assertThat(budget.get("available").asText()).isEqualTo("47700.00");
    }

    @Test
    void acceptsExactlyTheAvailableAmountAndNotOneCentMore() {
        assertThat(reserve("coord-twente", "twente", 2022, AANVULLEND, "SCHOLING", "5000.00", "2022-07-01", "t-1", null)
                        .status())
                .isEqualTo(201);
        assertThat(reserve("coord-twente", "twente", 2022, AANVULLEND, "SCHOLING", "4999.99", "2022-07-01", "t-2", null)
                        .status())
                .isEqualTo(201);
        long before = events.count();

        Response oneCentTooMuch =
                reserve("coord-twente", "twente", 2022, AANVULLEND, "MATCHING", "0.02", "2022-07-01", "t-3", null);
        Response exactly =
                reserve("coord-twente", "twente", 2022, AANVULLEND, "MATCHING", "0.01", "2022-07-01", "t-4", null);
        Response oneCentMore =
                reserve("coord-twente", "twente", 2022, AANVULLEND, "MATCHING", "0.01", "2022-07-01", "t-5", null);

        assertThat(oneCentTooMuch.status()).isEqualTo(409);
        assertThat(oneCentTooMuch.code()).isEqualTo("CAP_EXCEEDED");
        assertThat(exactly.status()).isEqualTo(201);
        assertThat(oneCentMore.code()).isEqualTo("CAP_EXCEEDED");
        assertThat(events.count()).isEqualTo(before + 1);
        assertThat(line("coord-twente", "twente", 2022, AANVULLEND)
                        .get("available")
                        .asText())
                .isEqualTo("0.00");
    }

    @Test
    void stopsExactlyAtTheCapWhen200RequestsRace() throws Exception {
        int requests = 200;
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String candidate = "race-" + i;
            answers.add(clients.submit(() -> reserve(
                    "coord-zeeland",
                    "zeeland",
                    2022,
                    AANVULLEND,
                    "SCHOLING",
                    "1000.00",
                    "2022-07-01",
                    candidate,
                    null)));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            statuses.add(response.status());
            if (response.status() != 201) {
                codes.add(response.code());
            }
        }
        clients.shutdown();

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(50);
        assertThat(byStatus.get(409)).isEqualTo(150);
        assertThat(codes).containsOnly("CAP_EXCEEDED");
        JsonNode line = line("auditor", "zeeland", 2022, AANVULLEND);
        assertThat(line.get("reserved").asText()).isEqualTo("50000.00");
        assertThat(line.get("available").asText()).isEqualTo("0.00");
        assertThat(api.get("auditor", "/api/v1/regions/zeeland/reservations?year=2022&size=100")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(50);
    }

    @Test
    void drawsAllThreeInterventionTypesOfTheMergedCapFromOneLine() {
        String jobCoaching = """
                {"year":2023,"budget":"WERKFITBEHOUD","menuItem":"JOBCOACHING","amount":"3000.00",
                 "candidate":{"ref":"g-3","targetGroup":"WAJONG","jobAgreement":true},"date":"2023-05-01"}
                """;
        assertThat(reserve(
                                "coord-groningen",
                                "groningen",
                                2023,
                                AANVULLEND,
                                "SCHOLING",
                                "4000.00",
                                "2023-05-01",
                                "g-1",
                                null)
                        .status())
                .isEqualTo(201);
        assertThat(reserve(
                                "coord-groningen",
                                "groningen",
                                2023,
                                "PRAKTIJKLEREN",
                                "MBO_DIPLOMA",
                                "2000.00",
                                "2023-05-01",
                                "g-2",
                                null)
                        .status())
                .isEqualTo(201);
        assertThat(api.post("coord-groningen", "/api/v1/regions/groningen/reservations", jobCoaching)
                        .status())
                .isEqualTo(201);

        Response refused = reserve(
                "coord-groningen",
                "groningen",
                2023,
                "PRAKTIJKLEREN",
                "PRAKTIJKVERKLARING",
                "1000.01",
                "2023-05-01",
                "g-4",
                null);

        assertThat(refused.code()).isEqualTo("CAP_EXCEEDED");
        JsonNode budget = api.get("coord-groningen", "/api/v1/regions/groningen/budgets/2023")
                .json();
        JsonNode merged = budget.get("lines").get(0);
        assertThat(merged.get("budgets").toString())
                .isEqualTo("[\"AANVULLENDE_DIENSTVERLENING\",\"PRAKTIJKLEREN\",\"WERKFITBEHOUD\"]");
        assertThat(merged.get("cap").asText()).isEqualTo("10000.00");
        assertThat(merged.get("reserved").asText()).isEqualTo("9000.00");
        assertThat(merged.get("available").asText()).isEqualTo("1000.00");
        assertThat(budget.get("lines")).hasSize(2);
    }

    @Test
    void aRetroactiveCutBelowWhatIsUsedMakesTheLineOverspentYetLetsExistingCommitmentsRunOff() {
        String id = reserve(
                        "coord-friesland",
                        "friesland",
                        2022,
                        AANVULLEND,
                        "SCHOLING",
                        "4000.00",
                        "2022-07-01",
                        "f-1",
                        null)
                .json()
                .get("id")
                .asText();
        String other = reserve(
                        "coord-friesland",
                        "friesland",
                        2022,
                        AANVULLEND,
                        "MATCHING",
                        "3000.00",
                        "2022-07-01",
                        "f-2",
                        null)
                .json()
                .get("id")
                .asText();
        assertThat(api.post(
                                "coord-friesland",
                                "/api/v1/reservations/" + id + "/commit",
                                "{\"date\":\"2022-07-15\",\"amount\":\"3000.00\"}")
                        .status())
                .isEqualTo(200);
        assertThat(pay(id, "pay-friesland-1", "1000.00", null).status()).isEqualTo(201);

        Response cut = api.post("szw", "/api/v1/amendments", allocations("lifecycle-cut-friesland", "2000.00"));
        assertThat(cut.status()).isEqualTo(201);

        JsonNode line = line("coord-friesland", "friesland", 2022, AANVULLEND);
        assertThat(line.get("cap").asText()).isEqualTo("2000.00");
        assertThat(line.get("overspent").asBoolean()).isTrue();
        assertThat(line.get("available").asText()).isEqualTo("-4000.00");
        assertThat(line.get("amendmentId").asText()).isEqualTo("lifecycle-cut-friesland");
        assertThat(events.countOfType("BudgetLineOverspent")).isGreaterThanOrEqualTo(1);
        long before = events.count();
        Response refused = reserve(
                "coord-friesland", "friesland", 2022, AANVULLEND, "MATCHING", "0.01", "2022-07-01", "f-3", null);
        assertThat(refused.code()).isEqualTo("CAP_EXCEEDED");
        assertThat(events.count()).isEqualTo(before);
        assertThat(pay(id, "pay-friesland-2", "500.00", null).status()).isEqualTo(201);
        assertThat(api.post("coord-friesland", "/api/v1/reservations/" + id + "/release", "{\"reason\":\"klaar\"}")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("CLOSED");
        assertThat(api.post("coord-friesland", "/api/v1/reservations/" + other + "/release", "")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("RELEASED");
        JsonNode after = line("coord-friesland", "friesland", 2022, AANVULLEND);
        assertThat(after.get("paid").asText()).isEqualTo("1500.00");
        assertThat(after.get("available").asText()).isEqualTo("500.00");
        assertThat(after.get("overspent").asBoolean()).isFalse();
    }

    @Test
    void useThatASplitOfAMergedCapLeavesUnderNoCapStaysInTheBudgetAsAnOverspentLine() {
        Response merged = api.post("szw", "/api/v1/amendments", """
                {"id":"lifecycle-2024-merged","title":"Samengevoegd plafond 2024 (test)","effectiveFrom":"2024-01-01",
                 "caps":[{"year":2024,"budgets":["AANVULLENDE_DIENSTVERLENING","WERKFITBEHOUD"],"amount":"1000000.00"}],
                 "allocations":[{"region":"achterhoek","year":2024,
                   "budgets":["AANVULLENDE_DIENSTVERLENING","WERKFITBEHOUD"],"amount":"10000.00"}]}
                """);
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        assertThat(reserve(
                                "coord-achterhoek",
                                "achterhoek",
                                2024,
                                AANVULLEND,
                                "SCHOLING",
                                "4000.00",
                                "2024-05-01",
                                "a24-1",
                                null)
                        .status())
                .isEqualTo(201);
        long reportsBefore = events.countOfType("BudgetLineOverspent");

        Response split = api.post("szw", "/api/v1/amendments", """
                {"id":"lifecycle-2024-split","title":"Gesplitst plafond 2024 (test)","effectiveFrom":"2024-02-01",
                 "caps":[{"year":2024,"budgets":["WERKFITBEHOUD"],"amount":"500000.00"}],
                 "allocations":[{"region":"achterhoek","year":2024,"budgets":["WERKFITBEHOUD"],"amount":"5000.00"}]}
                """);
        assertThat(split.status()).as(split.body()).isEqualTo(201);

        JsonNode uncapped = line("coord-achterhoek", "achterhoek", 2024, AANVULLEND);
        assertThat(uncapped.get("budgets").toString()).isEqualTo("[\"AANVULLENDE_DIENSTVERLENING\"]");
        assertThat(uncapped.get("cap").asText()).isEqualTo("0.00");
        assertThat(uncapped.get("reserved").asText()).isEqualTo("4000.00");
        assertThat(uncapped.get("available").asText()).isEqualTo("-4000.00");
        assertThat(uncapped.get("overspent").asBoolean()).isTrue();
        assertThat(uncapped.has("amendmentId")).as("no amendment sets its cap").isFalse();
        assertThat(line("coord-achterhoek", "achterhoek", 2024, "WERKFITBEHOUD")
                        .get("cap")
                        .asText())
                .isEqualTo("5000.00");
        assertThat(events.countOfType("BudgetLineOverspent")).isEqualTo(reportsBefore + 1);
        Response refused = reserve(
                "coord-achterhoek", "achterhoek", 2024, AANVULLEND, "MATCHING", "0.01", "2024-05-01", "a24-2", null);
        assertThat(refused.code()).isEqualTo("CAP_EXCEEDED");
    }

    @Test
    void judgesEligibilityByTheRulesInForceOnTheReservationsDate() {
        Response beforeWidening = reserve(
                "coord-drenthe", "drenthe", 2022, AANVULLEND, "SCHOLING", "1000.00", "2022-03-01", "d-1", "2019-05-01");
        Response afterWidening = reserve(
                "coord-drenthe", "drenthe", 2022, AANVULLEND, "SCHOLING", "1000.00", "2022-07-01", "d-1", "2019-05-01");
        Response noJobAgreement = reserve(
                "coord-drenthe", "drenthe", 2022, "WERKFITBEHOUD", "JOBCOACHING", "1000.00", "2022-07-01", "d-2", null);
        Response afterTheScheme =
                reserve("coord-drenthe", "drenthe", 2022, AANVULLEND, "SCHOLING", "1000.00", "2025-01-02", "d-3", null);
        Response aboveMaximum = reserve(
                "coord-drenthe",
                "drenthe",
                2022,
                AANVULLEND,
                "SOLLICITATIEVAARDIGHEDEN",
                "2080.01",
                "2022-07-01",
                "d-4",
                null);
        Response aboveGuidePrice = reserve(
                "coord-drenthe", "drenthe", 2022, "PRAKTIJKLEREN", "MBO_DIPLOMA", "2100.00", "2022-07-01", "d-5", null);

        assertThat(beforeWidening.status()).isEqualTo(422);
        assertThat(beforeWidening.code()).isEqualTo("NOT_ELIGIBLE");
        assertThat(afterWidening.status()).isEqualTo(201);
        assertThat(noJobAgreement.code()).isEqualTo("NOT_ELIGIBLE");
        assertThat(afterTheScheme.status()).isEqualTo(422);
        assertThat(afterTheScheme.code()).isEqualTo("OUTSIDE_SCHEME");
        assertThat(aboveMaximum.status()).isEqualTo(422);
        assertThat(aboveMaximum.code()).isEqualTo("ABOVE_MENU_MAXIMUM");
        assertThat(aboveGuidePrice.status()).isEqualTo(201);
        assertThat(aboveGuidePrice.json().at("/warnings/0/code").asText()).isEqualTo("ABOVE_GUIDE_PRICE");
    }

    @Test
    void checksSchemePeriodBeforeEligibilityBeforeMenuBeforeCap() {
        // Fails everything at once: outside the scheme, not eligible, above the maximum, above the cap.
        Response all = reserve(
                "coord-drenthe",
                "drenthe",
                2022,
                AANVULLEND,
                "SCHOLING",
                "99999.00",
                "2021-01-01",
                "o-1",
                "2019-01-01");
        Response noScheme = reserve(
                "coord-drenthe",
                "drenthe",
                2022,
                AANVULLEND,
                "SCHOLING",
                "99999.00",
                "2022-03-01",
                "o-1",
                "2019-01-01");
        Response eligible = reserve(
                "coord-drenthe",
                "drenthe",
                2022,
                AANVULLEND,
                "SCHOLING",
                "99999.00",
                "2022-07-01",
                "o-1",
                "2019-01-01");

        assertThat(all.code()).isEqualTo("OUTSIDE_SCHEME");
        assertThat(noScheme.code()).isEqualTo("NOT_ELIGIBLE");
        assertThat(eligible.code()).isEqualTo("ABOVE_MENU_MAXIMUM");
    }

    @Test
    void refusesStepsOutOfOrder() {
        String id = reserve(
                        "partner-achterhoek",
                        "achterhoek",
                        2022,
                        AANVULLEND,
                        "MATCHING",
                        "1000.00",
                        "2022-07-01",
                        "a-1",
                        null)
                .json()
                .get("id")
                .asText();
        long before = events.count();

        Response payBeforeCommit = pay(id, "pay-achterhoek-1", "100.00", null);
        Response commitBeforeApproval = api.post(
                "partner-achterhoek",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"100.00\"}");

        assertThat(payBeforeCommit.code()).isEqualTo("INVALID_STATE");
        assertThat(commitBeforeApproval.code()).isEqualTo("INVALID_STATE");
        assertThat(events.count()).isEqualTo(before);
        assertThat(api.post("coord-achterhoek", "/api/v1/reservations/" + id + "/approve", "{\"date\":\"2022-07-15\"}")
                        .status())
                .isEqualTo(200);
        Response approveTwice =
                api.post("coord-achterhoek", "/api/v1/reservations/" + id + "/approve", "{\"date\":\"2022-07-15\"}");
        assertThat(approveTwice.status()).isEqualTo(409);
        assertThat(approveTwice.code()).isEqualTo("INVALID_STATE");
        assertThat(api.post("partner-achterhoek", "/api/v1/reservations/" + id + "/release", "")
                        .status())
                .isEqualTo(200);
        Response commitAfterRelease = api.post(
                "partner-achterhoek",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"100.00\"}");
        assertThat(commitAfterRelease.code()).isEqualTo("INVALID_STATE");
        Response rejectReleased = api.post("coord-achterhoek", "/api/v1/reservations/" + id + "/reject", "");
        assertThat(rejectReleased.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void answersARetryWithTheFirstResponseAndBooksItOnce() {
        String body = reservationBody(2022, AANVULLEND, "SCHOLING", "1500.00", "2022-07-01", "i-1", null);
        Response first = api.send(api.request("partner-flevoland", "/api/v1/regions/flevoland/reservations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "melding-2022-0001")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        long before = events.count();
        Response retry = api.send(api.request("partner-flevoland", "/api/v1/regions/flevoland/reservations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "melding-2022-0001")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        Response otherBody = api.send(api.request("partner-flevoland", "/api/v1/regions/flevoland/reservations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "melding-2022-0001")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.replace("1500.00", "1600.00"))));
        Response otherYear = api.send(api.request("partner-flevoland", "/api/v1/regions/flevoland/reservations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "melding-2022-0001")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        body.replace("\"year\":2022", "\"year\":2023"))));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(otherYear.code()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(events.count()).isEqualTo(before);
        assertThat(line("partner-flevoland", "flevoland", 2022, AANVULLEND)
                        .get("requested")
                        .asText())
                .isEqualTo("1500.00");

        String id = first.json().get("id").asText();
        assertThat(api.post("coord-flevoland", "/api/v1/reservations/" + id + "/approve", "{\"date\":\"2022-07-15\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "coord-flevoland",
                                "/api/v1/reservations/" + id + "/commit",
                                "{\"date\":\"2022-07-15\",\"amount\":\"1500.00\"}")
                        .status())
                .isEqualTo(200);
        Response paid = pay(id, "pay-flevoland-1", "500.00", "betaling-0001");
        long afterPayment = events.count();
        Response paidAgain = pay(id, "pay-flevoland-1", "500.00", "betaling-0001");
        Response otherPayment = pay(id, "pay-flevoland-2", "600.00", "betaling-0001");
        Response sameIdWithoutKey = pay(id, "pay-flevoland-1", "500.00", null);

        assertThat(paid.status()).isEqualTo(201);
        assertThat(paidAgain.status()).isEqualTo(201);
        assertThat(paidAgain.body()).isEqualTo(paid.body());
        assertThat(otherPayment.code()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(sameIdWithoutKey.code()).isEqualTo("DUPLICATE");
        assertThat(events.count()).isEqualTo(afterPayment);
    }

    private Response reserve(
            String user,
            String region,
            int year,
            String budget,
            String menuItem,
            String amount,
            String date,
            String candidate,
            String jobLossDate) {
        return api.post(
                user,
                "/api/v1/regions/" + region + "/reservations",
                reservationBody(year, budget, menuItem, amount, date, candidate, jobLossDate));
    }

    private static String reservationBody(
            int year,
            String budget,
            String menuItem,
            String amount,
            String date,
            String candidate,
            String jobLossDate) {
        return """
                {"year":%d,"budget":"%s","menuItem":"%s","amount":"%s",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"%s","jobAgreement":false},"date":"%s"}
                """.formatted(
                year, budget, menuItem, amount, candidate, jobLossDate == null ? "2021-01-15" : jobLossDate, date);
    }

    private Response pay(String reservation, String paymentId, String amount, String idempotencyKey) {
        var request = api.request("kassier", "/api/v1/reservations/" + reservation + "/payments")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"paymentId\":\"%s\",\"amount\":\"%s\",\"date\":\"2022-09-01\"}"
                                .formatted(paymentId, amount)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request);
    }

    private JsonNode line(String user, String region, int year, String budget) {
        Response response = api.get(user, "/api/v1/regions/" + region + "/budgets/" + year);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode line : response.json().get("lines")) {
            if (line.get("budgets").toString().contains(budget)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + budget + " in " + response.body());
    }
}
