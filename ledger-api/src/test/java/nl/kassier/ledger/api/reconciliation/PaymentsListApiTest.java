package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
 * The kassier's lists over HTTP: the payments of a stretch of legal dates, in order, page by page, as far as each
 * role and region may see them, each with what the bank said of it; the imported statements, newest first; and an
 * open discrepancy flagged on the payment and its reservation until a later payment or a release resolves it. Each
 * scenario pays on legal dates of its own, so that no list of one shows another's payments.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.users-file=src/test/resources/payments-users.yml")
class PaymentsListApiTest {

    private static final String XML = "application/xml";
    private static final String ACCOUNT = "NL20INGB0001234567";
    private static final String AUGUST = "from=2022-08-01&to=2022-08-31";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;
    int candidates;

    /** Paid in August 2022: by partner A in rijnmond and twente, by the coördinator and by partner B in rijnmond. */
    String partnerARijnmond;

    String partnerATwente;
    String coordinatorRijnmond;
    String partnerBRijnmond;

    @BeforeAll
    void payInAugust() {
        api = new Api(
                port,
                Map.of(
                        "szw", "test",
                        "kassier", "test",
                        "auditor", "test",
                        "coord-rijnmond", "test",
                        "coord-twente", "test",
                        "partner-a", "test",
                        "partner-b", "test"));
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"payments-2022","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"100000.00"},
                   {"region":"twente","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"100000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        partnerARijnmond = committed("partner-a", "rijnmond", "5000.00");
        partnerATwente = committed("partner-a", "twente", "5000.00");
        coordinatorRijnmond = committed("coord-rijnmond", "rijnmond", "5000.00");
        partnerBRijnmond = committed("partner-b", "rijnmond", "5000.00");
        // Recorded out of date order, and two on one day: the list goes by legal date, then by recording.
        pay(partnerARijnmond, "PL-A-3", "300.00", "2022-08-20", "F-300");
        pay(partnerATwente, "PL-A-1", "100.00", "2022-08-01", null);
        pay(coordinatorRijnmond, "PL-C-2", "220.00", "2022-08-15", null);
        pay(partnerARijnmond, "PL-A-2", "200.00", "2022-08-15", null);
        pay(partnerBRijnmond, "PL-B-4", "400.00", "2022-08-31", null);
        pay(partnerBRijnmond, "PL-B-0", "10.00", "2022-07-31", null);
        pay(partnerBRijnmond, "PL-B-5", "20.00", "2022-09-01", null);
    }

    // ---------------------------------------------------------------- the payment list

    @Test
    void listsThePaymentsOfAStretchOfLegalDatesBothEndsIncludedByDateThenByRecording() {
        Response listed = api.get("kassier", "/api/v1/payments?" + AUGUST);

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode page = listed.json();
        assertThat(ids(page)).containsExactly("PL-A-1", "PL-C-2", "PL-A-2", "PL-A-3", "PL-B-4");
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        assertThat(page.get("total").asLong()).isEqualTo(5);
        JsonNode payment = page.get("items").get(3);
        assertThat(payment.get("paymentId").asText()).isEqualTo("PL-A-3");
        assertThat(payment.get("reservationId").asText()).isEqualTo(partnerARijnmond);
        assertThat(payment.get("region").asText()).isEqualTo("rijnmond");
        assertThat(payment.get("year").asInt()).isEqualTo(2022);
        assertThat(payment.get("budget").asText()).isEqualTo("AANVULLENDE_DIENSTVERLENING");
        assertThat(payment.get("amount").isTextual()).isTrue();
        assertThat(payment.get("amount").asText()).isEqualTo("300.00");
        assertThat(payment.get("date").asText()).isEqualTo("2022-08-20");
        assertThat(payment.get("invoiceRef").asText()).isEqualTo("F-300");
        assertThat(Instant.parse(payment.get("recordedAt").asText())).isBefore(Instant.now());
        assertThat(payment.get("actor").asText()).isEqualTo("kassier");
        assertThat(payment.has("settlement"))
                .as("no statement showed it yet: null")
                .isTrue();
        assertThat(payment.get("settlement").isNull()).isTrue();
        assertThat(payment.get("openDiscrepancy").asBoolean()).isFalse();
        assertThat(ids(api.get("auditor", "/api/v1/payments?from=2022-08-15&to=2022-08-15")
                        .json()))
                .containsExactly("PL-C-2", "PL-A-2");
        assertThat(ids(api.get("szw", "/api/v1/payments?" + AUGUST).json())).hasSize(5);
    }

    @Test
    void pagesThroughTheListWithPageAndSize() {
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode listed = api.get("kassier", "/api/v1/payments?" + AUGUST + "&size=2&page=" + page)
                    .json();
            assertThat(listed.get("total").asLong()).isEqualTo(5);
            assertThat(listed.get("size").asInt()).isEqualTo(2);
            assertThat(listed.get("page").asInt()).isEqualTo(page);
            paged.addAll(ids(listed));
        }

        assertThat(paged).containsExactly("PL-A-1", "PL-C-2", "PL-A-2", "PL-A-3", "PL-B-4");
        assertThat(ids(api.get("kassier", "/api/v1/payments?" + AUGUST + "&size=2&page=3")
                        .json()))
                .isEmpty();
        assertThat(api.get("kassier", "/api/v1/payments?" + AUGUST + "&size=100")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void filtersByRegion() {
        assertThat(ids(api.get("kassier", "/api/v1/payments?" + AUGUST + "&region=twente")
                        .json()))
                .containsExactly("PL-A-1");
        assertThat(ids(api.get("auditor", "/api/v1/payments?" + AUGUST + "&region=rijnmond")
                        .json()))
                .containsExactly("PL-C-2", "PL-A-2", "PL-A-3", "PL-B-4");
        assertThat(ids(api.get("kassier", "/api/v1/payments?" + AUGUST + "&region=zeeland")
                        .json()))
                .isEmpty();
    }

    @Test
    void aCoordinatorSeesItsOwnRegionOnly() {
        assertThat(ids(api.get("coord-rijnmond", "/api/v1/payments?" + AUGUST).json()))
                .containsExactly("PL-C-2", "PL-A-2", "PL-A-3", "PL-B-4");
        assertThat(ids(api.get("coord-rijnmond", "/api/v1/payments?" + AUGUST + "&region=rijnmond")
                        .json()))
                .containsExactly("PL-C-2", "PL-A-2", "PL-A-3", "PL-B-4");
        assertThat(ids(api.get("coord-twente", "/api/v1/payments?" + AUGUST).json()))
                .containsExactly("PL-A-1");

        Response elsewhere = api.get("coord-rijnmond", "/api/v1/payments?" + AUGUST + "&region=twente");

        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
        assertThat(elsewhere.isProblem()).isTrue();
        assertThat(elsewhere.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aPartnerSeesThePaymentsOnItsOwnOrganisationsReservationsOnly() {
        assertThat(ids(api.get("partner-a", "/api/v1/payments?" + AUGUST).json()))
                .as("its requests in both its regions, not the coördinator's nor another partner's")
                .containsExactly("PL-A-1", "PL-A-2", "PL-A-3");
        assertThat(ids(api.get("partner-a", "/api/v1/payments?" + AUGUST + "&region=twente")
                        .json()))
                .containsExactly("PL-A-1");
        assertThat(ids(api.get("partner-b", "/api/v1/payments?" + AUGUST).json()))
                .containsExactly("PL-B-4");

        Response elsewhere = api.get("partner-b", "/api/v1/payments?" + AUGUST + "&region=twente");

        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
        assertThat(elsewhere.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get(null, "/api/v1/payments?" + AUGUST).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            without from                 | /api/v1/payments?to=2022-08-31                                    | from
            without to                   | /api/v1/payments?from=2022-08-01                                  | to
            to before from               | /api/v1/payments?from=2022-08-31&to=2022-08-01                    | to
            a 13th month                 | /api/v1/payments?from=2022-13-01&to=2022-12-31                    | from
            a 30th of February           | /api/v1/payments?from=2022-02-01&to=2022-02-30                    | to
            a date without leading zeros | /api/v1/payments?from=2022-8-1&to=2022-08-31                      | from
            an instant for a date        | /api/v1/payments?from=2022-08-01T00:00:00Z&to=2022-08-31          | from
            a date before 2000           | /api/v1/payments?from=1999-12-31&to=2022-08-31                    | from
            from given twice             | /api/v1/payments?from=2022-08-01&from=2022-08-02&to=2022-08-31    | from
            an unknown parameter         | /api/v1/payments?from=2022-08-01&to=2022-08-31&regio=rijnmond     | regio
            an unknown region            | /api/v1/payments?from=2022-08-01&to=2022-08-31&region=atlantis    | region
            a page too big               | /api/v1/payments?from=2022-08-01&to=2022-08-31&size=101           | size
            a negative page              | /api/v1/payments?from=2022-08-01&to=2022-08-31&page=-1            | page
            a page with a plus sign      | /api/v1/payments?from=2022-08-01&to=2022-08-31&page=%2B1          | page
            statements, a page too big   | /api/v1/reconciliations?size=101                                  | size
            statements, page abc         | /api/v1/reconciliations?page=abc                                  | page
            statements, size given twice | /api/v1/reconciliations?size=1&size=2                             | size
            statements, unknown filter   | /api/v1/reconciliations?account=NL20INGB0001234567                | account
            """)
    void refusesAMalformedQueryNamingTheParameterAndWritesNothing(String what, String path, String field) {
        long before = events.count();

        Response refused = api.get("kassier", path);

        assertThat(refused.status()).as(what + ": " + refused.body()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains(field);
        assertThat(refused.body()).doesNotContain("Exception", "java.", "SELECT");
        assertThat(events.count()).as(what + " wrote no event").isEqualTo(before);
    }

    // ---------------------------------------------------------------- what the bank said

    @Test
    void showsWhatAnImportedStatementSaidOfEachPayment() {
        String reservation = committed("coord-rijnmond", "rijnmond", "1000.00");
        pay(reservation, "PL-S-1", "200.00", "2022-10-03", null);
        pay(reservation, "PL-S-2", "300.00", "2022-10-03", null);
        pay(reservation, "PL-S-3", "100.00", "2022-10-04", null);

        Response imported = importStatement(statement(
                "PL-2022-10-05", "2022-10-06", entry("E-1", "PL-S-1", "200.00"), entry("E-2", "PL-S-2", "300.50")));

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String reconciliation = imported.json().get("id").asText();
        List<JsonNode> listed = items(api.get("kassier", "/api/v1/payments?from=2022-10-01&to=2022-10-31"));
        assertThat(listed).hasSize(3);
        assertThat(settlement(listed.get(0))).isEqualTo(reconciliation + " E-1 SETTLED null false");
        assertThat(settlement(listed.get(1))).isEqualTo(reconciliation + " E-2 DISCREPANCY 0.50 true");
        assertThat(listed.get(2).get("settlement").isNull()).isTrue();
        assertThat(listed.get(2).get("openDiscrepancy").asBoolean()).isFalse();
        assertThat(openDiscrepancies(reservation)).isEqualTo("1 0.50");

        // The correcting payment resolves it; what the bank said stays.
        pay(reservation, "PL-S-4", "0.50", "2022-10-07", null);

        List<JsonNode> after = items(api.get("auditor", "/api/v1/payments?from=2022-10-01&to=2022-10-31"));
        assertThat(settlement(after.get(1))).isEqualTo(reconciliation + " E-2 DISCREPANCY 0.50 false");
        assertThat(openDiscrepancies(reservation)).isEqualTo("0 0.00");
        assertThat(after.get(3).get("paymentId").asText()).isEqualTo("PL-S-4");
    }

    @Test
    void aReleaseResolvesAnOpenDiscrepancy() {
        String reservation = committed("coord-rijnmond", "rijnmond", "1000.00");
        pay(reservation, "PL-R-1", "400.00", "2022-11-01", null);
        Response imported = importStatement(statement("PL-2022-11-03", "2022-11-04", entry("E-1", "PL-R-1", "399.00")));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(openDiscrepancies(reservation)).isEqualTo("1 -1.00");
        String asOf = Instant.now().toString();
        JsonNode replayed = api.get("auditor", "/api/v1/reservations/" + reservation + "?asOf=" + asOf)
                .json();
        assertThat(replayed.get("openDiscrepancies").toString()).isEqualTo("{\"count\":1,\"difference\":\"-1.00\"}");

        Response released = api.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + reservation + "/release",
                "{\"reason\":\"traject afgerond\",\"date\":\"2022-11-10\"}");

        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(released.json().get("openDiscrepancies").toString())
                .isEqualTo("{\"count\":0,\"difference\":\"0.00\"}");
        List<JsonNode> listed = items(api.get("kassier", "/api/v1/payments?from=2022-11-01&to=2022-11-30"));
        assertThat(settlement(listed.get(0))).endsWith(" E-1 DISCREPANCY -1.00 false");
        JsonNode replayedAfter = api.get("auditor", "/api/v1/reservations/" + reservation + "?asOf=" + Instant.now())
                .json();
        assertThat(replayedAfter.get("openDiscrepancies"))
                .isEqualTo(released.json().get("openDiscrepancies"));
    }

    // ---------------------------------------------------------------- the statements

    @Test
    void listsTheImportedStatementsNewestFirstEachInShort() {
        String reservation = committed("coord-rijnmond", "rijnmond", "1000.00");
        pay(reservation, "PL-L-1", "10.00", "2022-12-01", null);
        pay(reservation, "PL-L-2", "20.00", "2022-12-01", null);
        Response older = importStatement(statement("PL-2022-12-01", "2022-12-02", entry("E-1", "PL-L-1", "10.00")));
        Response newer = importStatement(statement(
                "PL-2022-12-02",
                "2022-12-05",
                entry("E-1", "PL-L-2", "20.01"),
                entry("E-2", "PL-UNKNOWN", "5.00"),
                entry("E-3", "PL-L-1", "10.00")));
        assertThat(older.status()).as(older.body()).isEqualTo(201);
        assertThat(newer.status()).as(newer.body()).isEqualTo(201);

        Response listed = api.get("auditor", "/api/v1/reconciliations?size=2");

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode page = listed.json();
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("id").asText()).isEqualTo(newer.json().get("id").asText());
        assertThat(newest.get("statementId").asText()).isEqualTo("PL-2022-12-02");
        assertThat(newest.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(newest.get("creationDate").asText()).isEqualTo("2022-12-05");
        assertThat(newest.get("importedAt").asText())
                .isEqualTo(newer.json().get("importedAt").asText());
        assertThat(newest.get("importedBy").asText()).isEqualTo("kassier");
        assertThat(List.of(
                        newest.get("entries").asInt(),
                        newest.get("matched").asInt(),
                        newest.get("amountDifferences").asInt(),
                        newest.get("unmatchedBank").asInt(),
                        newest.get("unmatchedLedger").asInt()))
                .as("entries, matched, amount differences, unmatched bank (unknown, on an earlier statement)")
                .containsExactly(3, 0, 1, 2, newer.json().get("unmatchedLedger").size());
        assertThat(page.get("items").get(1).get("id").asText())
                .isEqualTo(older.json().get("id").asText());
        assertThat(api.get("kassier", "/api/v1/reconciliations").json().get("items"))
                .hasSize((int) Math.min(20, page.get("total").asLong()));
    }

    @Test
    void letsOnlyTheKassierAndTheAuditorListTheStatements() {
        assertThat(api.get("kassier", "/api/v1/reconciliations").status()).isEqualTo(200);
        for (String user : List.of("szw", "coord-rijnmond", "partner-a")) {
            Response refused = api.get(user, "/api/v1/reconciliations");
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(api.get(null, "/api/v1/reconciliations").status()).isEqualTo(401);
    }

    @Test
    void describesBothListsInTheOpenApiDocument() {
        JsonNode document = api.get(null, "/api/v1/openapi.json").json();
        JsonNode paths = document.get("paths");

        JsonNode payments = paths.path("/api/v1/payments").path("get");
        assertThat(payments.isMissingNode()).isFalse();
        List<String> required = new ArrayList<>();
        payments.get("parameters").forEach(p -> {
            if (p.path("required").asBoolean()) {
                required.add(p.get("name").asText());
            }
        });
        assertThat(required).containsExactlyInAnyOrder("from", "to");
        assertThat(payments.get("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("from", "to", "region", "page", "size");
        JsonNode payment = itemOf(document, payments);
        assertThat(payment.path("properties").has("settlement"))
                .as(payment.toString())
                .isTrue();
        assertThat(payment.path("properties").has("openDiscrepancy")).isTrue();
        assertThat(paths.path("/api/v1/reconciliations").has("post")).isTrue();
        JsonNode statement =
                itemOf(document, paths.path("/api/v1/reconciliations").path("get"));
        assertThat(statement
                        .path("properties")
                        .path("unmatchedLedger")
                        .path("type")
                        .asText())
                .as(statement.toString())
                .isEqualTo("integer");
        JsonNode reservation = itemOf(
                document, paths.path("/api/v1/regions/{region}/reservations").path("get"));
        assertThat(reservation.path("properties").has("openDiscrepancies"))
                .as(reservation.toString())
                .isTrue();
    }

    /** The schema of the items of the page an operation answers with, each schema looked up by its reference. */
    private static JsonNode itemOf(JsonNode document, JsonNode operation) {
        JsonNode page = schema(document, operation.at("/responses/200/content/application~1json/schema"));
        return schema(document, page.at("/properties/items/items"));
    }

    private static JsonNode schema(JsonNode document, JsonNode reference) {
        String ref = reference.path("$ref").asText();
        assertThat(ref).as(reference.toString()).startsWith("#/components/schemas/");
        return document.at("/components/schemas/" + ref.substring("#/components/schemas/".length()));
    }

    // ---------------------------------------------------------------- helpers

    /** A reservation of {@code region}'s 2022 budget, committed for {@code amount}: approved first if a partner's. */
    private String committed(String user, String region, String amount) {
        candidates++;
        Response reserved =
                api.post(user, "/api/v1/regions/" + region + "/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%s",
                 "candidate":{"ref":"pl-%d","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """.formatted(amount, candidates));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        String id = reserved.json().get("id").asText();
        if ("REQUESTED".equals(reserved.json().get("status").asText())) {
            Response approved =
                    api.post("coord-" + region, "/api/v1/reservations/" + id + "/approve", "{\"date\":\"2022-07-05\"}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        }
        Response committed = api.post(
                user,
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"%s\"}".formatted(amount));
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        return id;
    }

    private void pay(String reservation, String paymentId, String amount, String date, String invoiceRef) {
        String invoice = invoiceRef == null ? "" : ",\"invoiceRef\":\"" + invoiceRef + "\"";
        Response paid = api.post(
                "kassier",
                "/api/v1/reservations/" + reservation + "/payments",
                "{\"paymentId\":\"%s\",\"amount\":\"%s\",\"date\":\"%s\"%s}"
                        .formatted(paymentId, amount, date, invoice));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    }

    private Response importStatement(String xml) {
        return api.post("kassier", "/api/v1/reconciliations", XML, xml);
    }

    /** A camt.053 statement of the kassier's account, created on {@code created}, of booked debits. */
    private static String statement(String statementId, String created, String... entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>MSG-%s</MsgId><CreDtTm>%sT05:00:00+01:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%s</Id>
                      <CreDtTm>%sT05:00:00+01:00</CreDtTm>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                %s
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(statementId, created, statementId, created, ACCOUNT, String.join("\n", entries));
    }

    /** A booked debit entry {@code reference} paying {@code amount} to end-to-end id {@code paymentId}. */
    private static String entry(String reference, String paymentId, String amount) {
        return """
                      <Ntry>
                        <NtryRef>%s</NtryRef><Amt Ccy="EUR">%s</Amt><CdtDbtInd>DBIT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <NtryDtls><TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs></TxDtls></NtryDtls>
                      </Ntry>""".formatted(reference, amount, paymentId);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("paymentId").asText()));
        return ids;
    }

    private static List<JsonNode> items(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** A listed payment's settlement as {@code reconciliation entry status difference openDiscrepancy}. */
    private static String settlement(JsonNode payment) {
        JsonNode settlement = payment.get("settlement");
        return settlement.get("reconciliationId").asText() + " "
                + settlement.get("entry").asText() + " "
                + settlement.get("status").asText() + " "
                + settlement.path("difference").asText("null") + " "
                + payment.get("openDiscrepancy").asBoolean();
    }

    /** The reservation's open discrepancies as {@code count difference}. */
    private String openDiscrepancies(String reservation) {
        Response response = api.get("auditor", "/api/v1/reservations/" + reservation);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode open = response.json().get("openDiscrepancies");
        return open.get("count").asInt() + " " + open.get("difference").asText();
    }
}
