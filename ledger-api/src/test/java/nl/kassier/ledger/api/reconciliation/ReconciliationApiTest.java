package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The kassier's round trip over HTTP: payments registered, a camt.053 statement imported, the report read as JSON and
 * CSV, the reservations' histories showing what the bank said. Each scenario has payments and a statement of its own,
 * dated so that no scenario's payments are overdue on another's statement, in whatever order they run. Every refusal
 * is checked against the event table: nothing recorded.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.users-file=src/test/resources/reconciliation-users.yml")
class ReconciliationApiTest {

    private static final String XML = "application/xml";
    private static final String ACCOUNT = "NL20INGB0001234567";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;
    int candidates;

    @BeforeAll
    void allocate() {
        api = new Api(port, Map.of("szw", "test", "kassier", "test", "auditor", "test", "coord-rijnmond", "test"));
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"reconciliation-2022","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"100000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- the four outcomes

    @Test
    void settlesEveryPaymentAStatementShowsForItsAmount() {
        String first = committed("2000.00");
        String second = committed("800.00");
        pay(first, "RC-A-1", "1000.00", "2022-08-01");
        pay(first, "RC-A-2", "250.50", "2022-08-02");
        pay(second, "RC-A-3", "780.25", "2022-08-03");
        long settledBefore = events.countOfType("PaymentSettled");

        Response imported = importStatement("all-matched.camt.053.001.02.xml");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(report.get("id").asText()).isEqualTo("statement_" + ACCOUNT + "_0001234567-2022-08-04");
        assertThat(report.get("statementId").asText()).isEqualTo("0001234567-2022-08-04");
        assertThat(report.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(report.get("entries").asInt()).isEqualTo(4);
        assertThat(items(report, "matched", "paymentId", "reservationId", "entryReference", "amount", "bookingDate"))
                .containsExactly(
                        "RC-A-1 " + first + " 2022080100017 1000.00 2022-08-01",
                        "RC-A-2 " + first + " 2022080200004 250.50 2022-08-02",
                        "RC-A-3 " + second + " 2022080400009 780.25 2022-08-04");
        assertThat(report.get("amountDifferences")).isEmpty();
        assertThat(report.get("unmatchedBank")).isEmpty();
        assertThat(report.get("unmatchedLedger")).isEmpty();
        assertThat(events.countOfType("PaymentSettled")).isEqualTo(settledBefore + 3);

        assertThat(history(first))
                .containsSubsequence(
                        "PAID 1000.00 by kassier",
                        "PAID 250.50 by kassier",
                        "SETTLED 1000.00 by kassier",
                        "SETTLED 250.50 by kassier");
        assertThat(history(second)).endsWith("SETTLED 780.25 by kassier");

        String path = "/api/v1/reconciliations/" + report.get("id").asText();
        Response read = api.get("auditor", path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(report);
        Response csv = api.get("kassier", path + ".csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n"))
                .containsExactly(
                        ReconciliationCsv.HEADER,
                        "MATCHED,RC-A-1," + first + ",2022080100017,RC-A-1,1000.00,1000.00,0.00,2022-08-01,,",
                        "MATCHED,RC-A-2," + first + ",2022080200004,RC-A-2,250.50,250.50,0.00,2022-08-02,,",
                        "MATCHED,RC-A-3," + second + ",2022080400009,RC-A-3,780.25,780.25,0.00,2022-08-04,,");
    }

    @Test
    void reportsADebitForAnotherAmountAsADiscrepancy() {
        String reservation = committed("2000.00");
        pay(reservation, "RC-B-1", "400.00", "2022-09-01");
        pay(reservation, "RC-B-2", "1200.00", "2022-09-01");

        Response imported = importStatement("amount-difference.camt.053.001.08.xml");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(items(report, "matched", "paymentId", "amount")).containsExactly("RC-B-1 400.00");
        assertThat(items(
                        report,
                        "amountDifferences",
                        "paymentId",
                        "reservationId",
                        "entryReference",
                        "bankAmount",
                        "ledgerAmount",
                        "difference"))
                .containsExactly("RC-B-2 " + reservation + " 20220902-000032 1210.00 1200.00 10.00");
        assertThat(report.get("unmatchedBank")).isEmpty();
        assertThat(report.get("unmatchedLedger")).isEmpty();
        assertThat(history(reservation)).endsWith("SETTLED 400.00 by kassier", "DISCREPANCY 1210.00 by kassier");
        JsonNode discrepancy = last(
                api.get("auditor", "/api/v1/reservations/" + reservation).json().get("history"));
        assertThat(discrepancy.toString()).contains("1210.00").contains("1200.00");

        // Replayed from the events as of now, the reservation shows the same history as the read model.
        String asOf = java.time.Instant.now().toString();
        JsonNode replayed = api.get("auditor", "/api/v1/reservations/" + reservation + "?asOf=" + asOf)
                .json();
        JsonNode live =
                api.get("auditor", "/api/v1/reservations/" + reservation).json();
        assertThat(replayed.get("history")).isEqualTo(live.get("history"));
    }

    @Test
    void reportsADebitNoPaymentExplainsOnTheBankSide() {
        String reservation = committed("1000.00");
        pay(reservation, "RC-C-1", "300.00", "2022-10-03");
        pay(reservation, "RC-C-2", "120.00", "2022-10-03");

        Response imported = importStatement("unknown-debit.camt.053.001.08.xml");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(report.get("entries").asInt()).isEqualTo(3);
        assertThat(items(report, "matched", "paymentId", "entryReference"))
                .containsExactly("RC-C-1 20221004-000007/1", "RC-C-2 20221004-000007/2");
        assertThat(items(report, "unmatchedBank", "entryReference", "endToEndId", "amount", "bookingDate", "reason"))
                .containsExactly("20221004-000008 INV-2022-0917 55.00 2022-10-04 UNKNOWN_PAYMENT");
        assertThat(report.get("unmatchedLedger")).isEmpty();
        Response csv =
                api.get("auditor", "/api/v1/reconciliations/" + report.get("id").asText() + ".csv");
        assertThat(csv.body())
                .contains("UNMATCHED_BANK,,,20221004-000008,INV-2022-0917,55.00,,,2022-10-04,,UNKNOWN_PAYMENT");
    }

    @Test
    void reportsAPaymentNoStatementShowedWithinFiveBankingDays() {
        String reservation = committed("1500.00");
        pay(reservation, "RC-D-1", "500.00", "2022-10-10");
        pay(reservation, "RC-D-2", "600.00", "2022-10-17");

        Response imported = importStatement("missing-payment.camt.053.001.02.xml");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(items(report, "matched", "paymentId")).containsExactly("RC-D-2");
        assertThat(items(report, "unmatchedLedger", "paymentId", "reservationId", "amount", "date"))
                .containsExactly("RC-D-1 " + reservation + " 500.00 2022-10-10");
        assertThat(history(reservation)).endsWith("SETTLED 600.00 by kassier");
        Response csv =
                api.get("kassier", "/api/v1/reconciliations/" + report.get("id").asText() + ".csv");
        assertThat(csv.body()).contains("UNMATCHED_LEDGER,RC-D-1," + reservation + ",,,,500.00,,,2022-10-10,");
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void answersTheSameStatementAgainWithTheFirstReportAndRecordsNothing() {
        String reservation = committed("90.00");
        pay(reservation, "RC-E-1", "90.00", "2022-10-06");
        Response first = importStatement("reimport.camt.053.001.08.xml");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long recorded = events.count();

        Response again = importStatement("reimport.camt.053.001.08.xml");

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(events.count()).isEqualTo(recorded);
        assertThat(history(reservation)).containsOnlyOnce("SETTLED 90.00 by kassier");

        String altered = fixture("reimport.camt.053.001.08.xml").replace("90.00", "91.00");
        Response other = api.post("kassier", "/api/v1/reconciliations", XML, altered);
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("DUPLICATE");
        assertThat(events.count()).isEqualTo(recorded);
    }

    // ---------------------------------------------------------------- refusals

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not-xml.csv                              | body
            pain.001.001.03.xml                      | /Document
            camt.052.001.08.xml                      | /Document
            unsupported-version.camt.053.001.01.xml  | /Document
            missing-statement-id.camt.053.001.02.xml | /Document/BkToCstmrStmt/Stmt/Id
            missing-account-id.camt.053.001.02.xml   | /Document/BkToCstmrStmt/Stmt/Acct/Id
            missing-amount.camt.053.001.08.xml       | /Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt
            missing-credit-debit.camt.053.001.02.xml | /Document/BkToCstmrStmt/Stmt/Ntry[1]/CdtDbtInd
            three-decimals.camt.053.001.02.xml       | /Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt
            billion-laughs.xml                       | body
            xxe-passwd.xml                           | body
            xxe-external-dtd.xml                     | body
            """)
    void refusesABadFileWithAProblemAndRecordsNothing(String file, String field) {
        long before = events.count();

        Response refused = api.post("kassier", "/api/v1/reconciliations", XML, fixture("bad/" + file));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(refused.body()).doesNotContain("root:").doesNotContain("Exception");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesEveryoneButTheKassierAndAnythingButXml() {
        long before = events.count();
        String statement = fixture("all-matched.camt.053.001.02.xml");

        Response coordinator = api.post("coord-rijnmond", "/api/v1/reconciliations", XML, statement);
        assertThat(coordinator.status()).isEqualTo(403);
        assertThat(coordinator.code()).isEqualTo("FORBIDDEN");
        Response auditor = api.post("auditor", "/api/v1/reconciliations", XML, statement);
        assertThat(auditor.status()).isEqualTo(403);
        Response json = api.post("kassier", "/api/v1/reconciliations", "application/json", "{\"statement\":1}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        Response empty = api.post("kassier", "/api/v1/reconciliations", XML, "");
        assertThat(empty.status()).isEqualTo(400);
        Response anonymous = api.post(null, "/api/v1/reconciliations", XML, statement);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(events.count()).isEqualTo(before);

        Response textXml =
                api.post("kassier", "/api/v1/reconciliations", "text/xml", fixture("bad/pain.001.001.03.xml"));
        assertThat(textXml.status()).as("text/xml is read too").isEqualTo(400);
    }

    @Test
    void letsTheKassierAndTheAuditorReadReportsAndNoOneElse() {
        assertThat(api.get("kassier", "/api/v1/reconciliations/statement_NL00NONE0000000000_nothing")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("auditor", "/api/v1/reconciliations/not-an-id.csv").status())
                .isEqualTo(404);
        assertThat(api.get("coord-rijnmond", "/api/v1/reconciliations/statement_NL00NONE0000000000_nothing")
                        .status())
                .isEqualTo(403);
    }

    // ---------------------------------------------------------------- helpers

    /** A reservation of rijnmond's 2022 budget, reserved and committed for {@code amount} by the coördinator. */
    private String committed(String amount) {
        candidates++;
        Response reserved =
                api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%s",
                 "candidate":{"ref":"rc-%d","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """.formatted(amount, candidates));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        String id = reserved.json().get("id").asText();
        Response committed = api.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"%s\",\"reference\":\"opdracht-%d\"}"
                        .formatted(amount, candidates));
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        return id;
    }

    private void pay(String reservation, String paymentId, String amount, String date) {
        Response paid = api.post(
                "kassier",
                "/api/v1/reservations/" + reservation + "/payments",
                "{\"paymentId\":\"%s\",\"amount\":\"%s\",\"date\":\"%s\"}".formatted(paymentId, amount, date));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    }

    private Response importStatement(String fixture) {
        return api.send(api.request("kassier", "/api/v1/reconciliations")
                .header("Content-Type", XML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Camt053ReaderTest.fixture(fixture))));
    }

    private static String fixture(String name) {
        return new String(Camt053ReaderTest.fixture(name), StandardCharsets.UTF_8);
    }

    /** The reservation's history as {@code TYPE amount by actor}. */
    private List<String> history(String reservation) {
        Response response = api.get("auditor", "/api/v1/reservations/" + reservation);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> steps = new ArrayList<>();
        response.json()
                .get("history")
                .forEach(step -> steps.add(
                        step.get("type").asText() + " " + step.path("amount").asText() + " by "
                                + step.get("actor").asText()));
        return steps;
    }

    /** Each item of {@code list} in {@code report} as its {@code fields}, space-separated. */
    private static List<String> items(JsonNode report, String list, String... fields) {
        List<String> items = new ArrayList<>();
        report.get(list).forEach(item -> {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                values.add(item.path(field).asText());
            }
            items.add(String.join(" ", values));
        });
        return items;
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
