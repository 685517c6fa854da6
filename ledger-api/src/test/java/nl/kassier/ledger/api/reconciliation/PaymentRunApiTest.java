package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The kassier's payment run as UWV's payment system sends it: many payments in one request, JSON or CSV, one result
 * each; sent again, nothing is recorded twice; a run of the wrong shape is refused whole and records nothing.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=payment-run")
class PaymentRunApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;
    final List<String> committed = new ArrayList<>();

    @BeforeAll
    void commitThreeReservations() {
        api = new Api(port);
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"payment-run","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                 "amount":"100000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            Response reserved = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                    {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"1000.00",
                     "candidate":{"ref":"run-%d","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                     "date":"2022-07-01"}
                    """.formatted(i));
            assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
            String id = reserved.json().get("id").asText();
            Response commit = api.post(
                    "coord-rijnmond",
                    "/api/v1/reservations/" + id + "/commit",
                    "{\"amount\":\"1000.00\",\"reference\":\"BESCHIKKING-" + i + "\",\"date\":\"2022-07-10\"}");
            assertThat(commit.status()).as(commit.body()).isEqualTo(200);
            committed.add(id);
        }
    }

    @Test
    void answersEachPaymentOfARunAndRecordsNothingTwiceWhenItIsSentAgain() {
        String unknown = "rijnmond_2022_" + UUID.randomUUID();
        String run = "["
                + String.join(
                        ",",
                        item(committed.get(0), "RUN-1", "400.00"),
                        item(committed.get(0), "RUN-2", "600.00"),
                        item(committed.get(1), "RUN-3", "2000.00"),
                        item(unknown, "RUN-4", "10.00"),
                        item(committed.get(1), "RUN-1", "100.00"),
                        item("not-a-reservation", "RUN-5", "10.00"),
                        item(committed.get(1), "RUN-6", "10.00"),
                        item(committed.get(1), "RUN-6", "10.00"),
                        item("rijnmond_2030_" + UUID.randomUUID(), "RUN-7", "10.00"))
                + "]";
        long before = events.count();

        Response first = api.post("kassier", "/api/v1/payments", run);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode results = first.json().get("results");
        assertThat(results).hasSize(9);
        assertThat(first.json().get("registered").asInt()).isEqualTo(3);
        assertThat(first.json().get("refused").asInt()).isEqualTo(6);
        assertThat(summary(results))
                .containsExactly(
                        "0 RUN-1 201 null PARTIALLY_PAID",
                        "1 RUN-2 201 null PAID",
                        "2 RUN-3 409 AMOUNT_EXCEEDED null",
                        "3 RUN-4 404 NOT_FOUND null",
                        "4 RUN-1 409 DUPLICATE null",
                        "5 RUN-5 404 NOT_FOUND null",
                        "6 RUN-6 201 null PARTIALLY_PAID",
                        "7 RUN-6 409 DUPLICATE null",
                        "8 RUN-7 404 NOT_FOUND null");
        assertThat(events.count()).isEqualTo(before + 3);

        Response again = api.post("kassier", "/api/v1/payments", run);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(summary(again.json().get("results"))).isEqualTo(summary(results));
        assertThat(events.count()).as("nothing recorded twice").isEqualTo(before + 3);
        Response listed = api.get("kassier", "/api/v1/payments?from=2022-08-01&to=2022-08-01");
        assertThat(listed.body()).contains("\"RUN-1\"").contains("\"RUN-2\"").doesNotContain("RUN-3");
        Response reservation = api.get("auditor", "/api/v1/reservations/" + committed.get(0));
        assertThat(reservation.json().get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void takesARunAsCsv() {
        String csv = "reservationId,paymentId,amount,date,invoiceRef\n"
                + committed.get(2) + ",CSV-1,250.00,2022-08-02,F-1\n"
                + committed.get(2) + ",CSV-2,250.00,2022-08-02,\n";

        Response run = api.post("kassier", "/api/v1/payments", "text/csv", csv);

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(summary(run.json().get("results")))
                .containsExactly("0 CSV-1 201 null PARTIALLY_PAID", "1 CSV-2 201 null PARTIALLY_PAID");
        assertThat(api.get("kassier", "/api/v1/payments?from=2022-08-02&to=2022-08-02")
                        .body())
                .contains("\"CSV-1\"")
                .contains("\"F-1\"");
    }

    @Test
    void refusesARunOfTheWrongShapeWholeAndRecordsNothing() {
        long before = events.count();
        String good = item(committed.get(3), "SHAPE-1", "10.00");
        List<String> runs = List.of(
                "[]",
                "[" + good + ",{\"reservationId\":\"" + committed.get(3) + "\",\"amount\":\"10.00\"}]",
                "[" + good + "," + item(committed.get(3), "SHAPE-2", "-1.00") + "]",
                "[" + good + "," + item(committed.get(3), "SHAPE-3", "1.5") + "]",
                "[" + good + ",{\"reservationId\":\"" + committed.get(3)
                        + "\",\"paymentId\":\"SHAPE-4\",\"amount\":\"10.00\",\"colour\":\"red\"}]",
                "{\"payments\":[" + good + "]}",
                "[" + good + ",[]]",
                "[" + good + ",{\"reservationId\":\"" + committed.get(3)
                        + "\",\"paymentId\":\"SHAPE-5\",\"amount\":\"10.00\"}]",
                "[" + good + ",{\"reservationId\":\"" + committed.get(3)
                        + "\",\"paymentId\":\"SHAPE-6\",\"amount\":\"10.00\",\"date\":\"1999-12-31\"}]");
        for (String run : runs) {
            Response refused = api.post("kassier", "/api/v1/payments", run);
            assertThat(refused.status()).as(run + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }
        Response missing = api.post(
                "kassier",
                "/api/v1/payments",
                "[" + good + ",{\"reservationId\":\"" + committed.get(3) + "\",\"amount\":\"10.00\"}]");
        assertThat(missing.body()).contains("[1].paymentId");
        for (String csv : List.of(
                "paymentId,amount\nX,1.00\n",
                "reservationId,paymentId,amount,date,invoiceRef\n" + committed.get(3) + ",CSV-X,ten,,\n",
                "reservationId,paymentId,amount,date,invoiceRef\n" + committed.get(3) + ",CSV-X,10.00,2022-13-01,\n",
                "reservationId,paymentId,amount,date,invoiceRef\n" + committed.get(3) + ",CSV-X,10.00\n",
                "reservationId,paymentId,amount,date,invoiceRef\n" + committed.get(3) + ",CSV-X,10.00,,\n")) {
            Response refused = api.post("kassier", "/api/v1/payments", "text/csv", csv);
            assertThat(refused.status()).as(csv + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= PaymentRunController.PAYMENTS_MAX; i++) {
            tooMany.append(i == 0 ? "" : ",").append(item(committed.get(3), "MANY-" + i, "0.01"));
        }
        Response many =
                api.post("kassier", "/api/v1/payments", tooMany.append("]").toString());
        assertThat(many.status()).as(many.body()).isEqualTo(400);
        assertThat(many.body()).contains("at most 10000 payments");
        assertThat(events.count()).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void isTheKassiersAlone() {
        String run = "[" + item(committed.get(3), "ROLE-1", "10.00") + "]";
        for (String user : List.of("coord-rijnmond", "auditor", "szw", "uwv-rijnmond")) {
            Response refused = api.post(user, "/api/v1/payments", run);
            assertThat(refused.status()).as(user + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(api.post(null, "/api/v1/payments", run).status()).isEqualTo(401);
        Response csv = api.post(
                "coord-rijnmond",
                "/api/v1/payments",
                "text/csv",
                "reservationId,paymentId,amount,date,invoiceRef\n" + committed.get(3) + ",ROLE-2,1.00,2022-08-01,\n");
        assertThat(csv.status()).isEqualTo(403);
    }

    private static String item(String reservationId, String paymentId, String amount) {
        return """
                {"reservationId":"%s","paymentId":"%s","amount":"%s","date":"2022-08-01"}""".formatted(reservationId, paymentId, amount);
    }

    private static List<String> summary(JsonNode results) {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : results) {
            lines.add(r.get("index").asInt() + " " + r.get("paymentId").asText() + " "
                    + r.get("status").asInt() + " "
                    + (r.has("code") ? r.get("code").asText() : "null") + " "
                    + (r.has("reservationStatus") ? r.get("reservationStatus").asText() : "null"));
        }
        return lines;
    }
}
