package nl.kassier.ledger.api.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.audit.ChainAnchoring;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The statements as an auditor checks them: a scheme's history (the regeling's nine versions with the retroactive cut
 * of 2021 and the merged cap of 2023, a regional cut in October 2022, reservations in every status, payments into
 * 2025, 2022 closed and 2021 closed and settled) drawn online and recomputed offline from an export, equal for every
 * region, year and legal date; the national statement the sum of the regions; every line's identity; the CSV and the
 * PDF.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"ledger.test-context=statements", "ledger.checkpoint.interval=PT1H"})
class StatementApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGED = "[\"AANVULLENDE_DIENSTVERLENING\",\"PRAKTIJKLEREN\",\"WERKFITBEHOUD\"]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChainAnchoring anchoring;

    @Autowired
    CheckpointKey key;

    @TempDir
    Path dir;

    Api api;
    EventStore events;
    int candidates;

    @BeforeAll
    void aSchemesHistory() {
        api = new Api(port);
        events = new EventStore(jdbc);
        api.post("szw", "/api/v1/amendments", """
                {"id":"statements","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2021,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"50000.00"},
                   {"region":"rijnmond","year":2023,"budgets":%s,"amount":"50000.00"},
                   {"region":"drechtsteden","year":2023,"budgets":%s,"amount":"30000.00"}]}
                """.formatted(MERGED, MERGED)).ok(201);
        api.post("szw", "/api/v1/amendments", """
                {"id":"statements-cut","title":"Illustratieve korting (test)","effectiveFrom":"2022-10-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"40000.00"}]}
                """).ok(201);

        // 2021: partly paid, then closed and settled (CLOSED); a melding never approved (REJECTED by the closing).
        String partlyPaid2021 = reserve("coord-rijnmond", "rijnmond", 2021, "2021-06-01");
        commit(partlyPaid2021, "1500.00", "2021-06-10");
        pay(partlyPaid2021, "S21-1", "1000.00", "2021-07-01");
        reserve("fnv-rijnmond", "rijnmond", 2021, "2021-06-01");
        // 2022: paid in full over two years; reserved and never committed (RELEASED by the closing).
        String paid2022 = reserve("coord-rijnmond", "rijnmond", 2022, "2022-03-01");
        commit(paid2022, "2000.00", "2022-03-10");
        pay(paid2022, "S22-1", "1200.00", "2022-05-01");
        pay(paid2022, "S22-2", "800.00", "2023-01-15");
        reserve("coord-rijnmond", "rijnmond", 2022, "2022-03-01");
        // 2023, open: every status.
        reserve("fnv-rijnmond", "rijnmond", 2023, "2023-03-01");
        reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        String committed = reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        commit(committed, "1500.00", "2023-03-10");
        String partly = reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        commit(partly, "2000.00", "2023-03-10");
        pay(partly, "S23-1", "800.00", "2023-09-01");
        String paid = reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        commit(paid, "2000.00", "2023-03-10");
        pay(paid, "S23-2", "1000.00", "2023-09-01");
        pay(paid, "S23-3", "1000.00", "2025-02-01");
        String rejected = reserve("fnv-rijnmond", "rijnmond", 2023, "2023-03-01");
        post("coord-rijnmond", "/reservations/" + rejected + "/reject", "{\"date\":\"2023-03-05\"}")
                .ok(200);
        String released = reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        post("coord-rijnmond", "/reservations/" + released + "/release", "{\"date\":\"2023-08-01\"}")
                .ok(200);
        String closed = reserve("coord-rijnmond", "rijnmond", 2023, "2023-03-01");
        commit(closed, "2000.00", "2023-03-10");
        pay(closed, "S23-4", "500.00", "2023-09-01");
        post("coord-rijnmond", "/reservations/" + closed + "/release", "{\"date\":\"2024-03-01\"}")
                .ok(200);
        String drechtsteden = reserve("coord-drechtsteden", "drechtsteden", 2023, "2023-05-01");
        commit(drechtsteden, "2000.00", "2023-05-10");
        pay(drechtsteden, "S23-5", "2000.00", "2024-01-10");
        // Paid in two parts recorded out of the order of their dates: January's first, then December's.
        String outOfOrder = reserve("coord-drechtsteden", "drechtsteden", 2023, "2023-05-01");
        commit(outOfOrder, "1000.00", "2023-05-10");
        pay(outOfOrder, "S23-6", "600.00", "2024-01-05");
        pay(outOfOrder, "S23-7", "400.00", "2023-12-20");

        // The bank debited 0.50 more for the partly paid one than the ledger paid: an open discrepancy.
        api.post("kassier", "/api/v1/reconciliations", "application/xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                          <BkToCstmrStmt>
                            <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2023-09-04T05:00:00+02:00</CreDtTm></GrpHdr>
                            <Stmt>
                              <Id>STMT-2023-09-04</Id>
                              <CreDtTm>2023-09-04T05:00:00+02:00</CreDtTm>
                              <Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id><Ccy>EUR</Ccy></Acct>
                              <Ntry>
                                <NtryRef>E-1</NtryRef><Amt Ccy="EUR">800.50</Amt><CdtDbtInd>DBIT</CdtDbtInd>
                                <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2023-09-01</Dt></BookgDt>
                                <NtryDtls><TxDtls><Refs><EndToEndId>S23-1</EndToEndId></Refs></TxDtls></NtryDtls>
                              </Ntry>
                              <Ntry>
                                <NtryRef>E-2</NtryRef><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
                                <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2023-09-01</Dt></BookgDt>
                                <NtryDtls><TxDtls><Refs><EndToEndId>S23-2</EndToEndId></Refs></TxDtls></NtryDtls>
                              </Ntry>
                            </Stmt>
                          </BkToCstmrStmt>
                        </Document>
                        """).ok(201);

        String closing = "{\"date\":\"2025-03-31\",\"reason\":\"jaar afgesloten\"}";
        post("kassier", "/regions/rijnmond/budgets/2021/closing", closing).ok(200);
        post("kassier", "/regions/rijnmond/budgets/2022/closing", closing).ok(200);
        post("szw", "/regions/rijnmond/budgets/2021/settlement", "{\"date\":\"2025-06-30\"}")
                .ok(200);
    }

    private Response post(String user, String path, String body) {
        return api.post(user, "/api/v1" + path, body);
    }

    private String reserve(String user, String region, int year, String date) {
        return post(user, "/regions/" + region + "/reservations", """
                        {"year":%d,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"2000.00",
                         "candidate":{"ref":"stmt-%d","targetGroup":"WW","jobLossDate":"2021-01-15",
                                      "jobAgreement":false},
                         "date":"%s"}
                        """.formatted(year, ++candidates, date))
                .ok(201)
                .json()
                .get("id")
                .asText();
    }

    private void commit(String reservation, String amount, String date) {
        post(
                        "coord-rijnmond".replace("rijnmond", reservation.substring(0, reservation.indexOf('_'))),
                        "/reservations/" + reservation + "/commit",
                        "{\"amount\":\"" + amount + "\",\"date\":\"" + date + "\"}")
                .ok(200);
    }

    private void pay(String reservation, String paymentId, String amount, String date) {
        post(
                        "kassier",
                        "/reservations/" + reservation + "/payments",
                        "{\"paymentId\":\"" + paymentId + "\",\"amount\":\"" + amount + "\",\"date\":\"" + date + "\"}")
                .ok(201);
    }

    private JsonNode statement(String region, int year, String query) {
        return api.get("kassier", "/api/v1/regions/" + region + "/statements/" + year + query)
                .ok(200)
                .json();
    }

    private static JsonNode line(JsonNode statement, int index) {
        return statement.get("lines").get(index);
    }

    private static BigDecimal amount(JsonNode node, String field) {
        return new BigDecimal(node.get(field).asText());
    }

    @Test
    void showsTheFinalFiguresOfAYearAsTheCoordinatorAndTheAuditorCheckThem() {
        JsonNode open = statement("rijnmond", 2023, "");
        assertThat(open.get("status").asText()).isEqualTo("OPEN");
        assertThat(open.get("on").asText())
                .isEqualTo(LocalDate.now(LegalDates.ZONE).toString());
        assertThat(open.get("position").asLong()).isPositive();
        assertThat(open.get("chainHead").asText()).hasSize(64);
        JsonNode merged = line(open, 0);
        assertThat(merged.get("budgets")).hasSize(3);
        assertThat(Map.of(
                        "cap", merged.get("cap").asText(),
                        "requested", merged.get("requested").asText(),
                        "reserved", merged.get("reserved").asText(),
                        "committed", merged.get("committed").asText(),
                        "paid", merged.get("paid").asText(),
                        "released", merged.get("released").asText(),
                        "available", merged.get("available").asText()))
                .containsAllEntriesOf(Map.of(
                        "cap", "50000.00",
                        "requested", "2000.00",
                        "reserved", "2000.00",
                        "committed", "2700.00",
                        "paid", "3300.00",
                        "released", "6000.00",
                        "available", "40000.00"));
        assertThat(merged.get("paidByYear").toString())
                .isEqualTo("[{\"year\":2023,\"amount\":\"2300.00\"},{\"year\":2025,\"amount\":\"1000.00\"}]");
        JsonNode aanvullend = merged.get("byBudgetType").get(0);
        assertThat(aanvullend.get("budget").asText()).isEqualTo("AANVULLENDE_DIENSTVERLENING");
        assertThat(aanvullend.get("paid").asText()).isEqualTo("3300.00");
        assertThat(merged.get("byBudgetType").get(1).get("paid").asText()).isEqualTo("0.00");
        open.get("reservations")
                .properties()
                .forEach(count ->
                        assertThat(count.getValue().asInt()).as(count.getKey()).isEqualTo(1));
        assertThat(open.get("reservations")).hasSize(8);
        assertThat(open.get("openDiscrepancies").toString()).isEqualTo("{\"count\":1,\"difference\":\"0.50\"}");
        assertThat(statement("rijnmond", 2023, "?on=2023-08-31")
                        .get("openDiscrepancies")
                        .get("count")
                        .asInt())
                .as("before the statement's booking date")
                .isZero();

        // On a legal date: as the law and the steps stood that day.
        JsonNode midYear = line(statement("rijnmond", 2023, "?on=2023-06-30"), 0);
        assertThat(midYear.get("paid").asText()).isEqualTo("0.00");
        assertThat(midYear.get("committed").asText()).isEqualTo("7500.00");
        assertThat(line(statement("rijnmond", 2022, "?on=2022-09-30"), 0)
                        .get("cap")
                        .asText())
                .isEqualTo("50000.00");
        assertThat(line(statement("rijnmond", 2022, "?on=2022-10-01"), 0)
                        .get("cap")
                        .asText())
                .isEqualTo("40000.00");
        assertThat(statement("rijnmond", 2022, "?on=2025-03-30").get("status").asText())
                .isEqualTo("OPEN");
        assertThat(statement("rijnmond", 2022, "").get("status").asText()).isEqualTo("CLOSED");
        JsonNode settled = statement("rijnmond", 2021, "");
        assertThat(settled.get("status").asText()).isEqualTo("SETTLED");
        assertThat(line(settled, 0).get("paid").asText()).isEqualTo("1000.00");
        assertThat(line(settled, 0).get("committed").asText()).isEqualTo("0.00");
        assertThat(line(settled, 0).get("released").asText()).isEqualTo("3000.00");
        assertThat(settled.get("reservations").get("CLOSED").asInt()).isEqualTo(1);
        assertThat(settled.get("reservations").get("REJECTED").asInt()).isEqualTo(1);
    }

    @Test
    void countsEachPaymentOnItsOwnDateWhateverTheOrderItWasRecordedIn() {
        JsonNode endOf2023 = line(statement("drechtsteden", 2023, "?on=2023-12-31"), 0);
        assertThat(endOf2023.get("paid").asText())
                .as("December's 400.00, recorded after January's")
                .isEqualTo("400.00");
        assertThat(endOf2023.get("committed").asText()).isEqualTo("2600.00");
        assertThat(statement("drechtsteden", 2023, "?on=2023-12-31")
                        .get("reservations")
                        .get("PARTIALLY_PAID")
                        .asInt())
                .isEqualTo(1);
        JsonNode now = line(statement("drechtsteden", 2023, ""), 0);
        assertThat(now.get("paid").asText()).isEqualTo("3000.00");
        assertThat(now.get("paidByYear").toString())
                .isEqualTo("[{\"year\":2023,\"amount\":\"400.00\"},{\"year\":2024,\"amount\":\"2600.00\"}]");
    }

    @Test
    void everyLineHoldsItsIdentityAndItsReleasedTiesOutWithTheEvents() {
        for (int year = 2021; year <= 2023; year++) {
            for (String on : new String[] {"", "?on=2022-10-01", "?on=2023-06-30"}) {
                for (JsonNode line : statement("rijnmond", year, on).get("lines")) {
                    assertThat(amount(line, "requested")
                                    .add(amount(line, "reserved"))
                                    .add(amount(line, "committed"))
                                    .add(amount(line, "paid"))
                                    .add(amount(line, "available")))
                            .as("cap = requested + reserved + committed + paid + available, %d%s", year, on)
                            .isEqualByComparingTo(amount(line, "cap"));
                }
            }
            BigDecimal releasedInTheHistories = BigDecimal.ZERO;
            JsonNode page = api.get("kassier", "/api/v1/regions/rijnmond/reservations?year=" + year + "&size=100")
                    .ok(200)
                    .json();
            for (JsonNode reservation : page.get("items")) {
                JsonNode history = api.get(
                                "kassier",
                                "/api/v1/reservations/" + reservation.get("id").asText())
                        .ok(200)
                        .json()
                        .get("history");
                for (JsonNode step : history) {
                    if (step.hasNonNull("released")) {
                        releasedInTheHistories = releasedInTheHistories.add(
                                new BigDecimal(step.get("released").asText()));
                    }
                }
            }
            BigDecimal released = BigDecimal.ZERO;
            for (JsonNode line : statement("rijnmond", year, "").get("lines")) {
                released = released.add(amount(line, "released"));
            }
            assertThat(released).as("released in %d", year).isEqualByComparingTo(releasedInTheHistories);
        }
    }

    @Test
    void theOfflineStatementFromAnExportEqualsTheOnlineOneForEveryRegionYearAndDate() throws Exception {
        Path export = export("export.jsonl");
        String today = LocalDate.now(LegalDates.ZONE).toString();
        int compared = 0;
        for (Region region : Regions.all()) {
            for (int year = 2021; year <= 2024; year++) {
                for (String on : new String[] {"2022-10-01", "2025-04-01", today}) {
                    String online = withoutAsOf(api.get(
                                    "kassier",
                                    "/api/v1/regions/" + region.code().value() + "/statements/" + year + "?on=" + on)
                            .ok(200)
                            .body());
                    Offline offline = offline(export, region.code().value(), year, on);
                    assertThat(offline.exit()).as(offline.err()).isZero();
                    assertThat(offline.out().strip())
                            .as("%s %d on %s, byte for byte", region.code().value(), year, on)
                            .isEqualTo(online);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(35 * 4 * 3);
        // Without --on: today, as the endpoint without on.
        assertThat(offline(export, "rijnmond", 2023, null).out().strip())
                .isEqualTo(withoutAsOf(api.get("kassier", "/api/v1/regions/rijnmond/statements/2023")
                        .ok(200)
                        .body()));
    }

    @Test
    void anExportIsCheckedAgainstThePublishedKeyAndNothingAddedAfterItsEndCounts() throws Exception {
        anchoring.anchor();
        Path export = export("anchored.jsonl");
        assertThat(offline(export, "rijnmond", 2023, null, "--public-key", key.publicKeyBase64())
                        .exit())
                .isZero();
        Offline unpinned = offline(export, "rijnmond", 2023, null);
        assertThat(unpinned.err()).contains("compare it with the key the kassier publishes");

        Offline foreign = offline(
                export,
                "rijnmond",
                2023,
                null,
                "--public-key",
                CheckpointKey.loadOrCreate(dir.resolve("foreign.pem")).publicKeyBase64());
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.out()).isEmpty();

        // A payment line appended after the closing line, copied from a real one: never counted, the export refused.
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        String payment = lines.stream()
                .filter(line -> line.contains("PaymentRegistered") && line.contains("rijnmond_2023"))
                .findFirst()
                .orElseThrow();
        lines.add(payment);
        Path appended = dir.resolve("appended.jsonl");
        Files.write(appended, lines);
        Offline added = offline(appended, "rijnmond", 2023, null);
        assertThat(added.exit()).isEqualTo(1);
        assertThat(added.err()).contains("follows the closing line");

        Path garbled = dir.resolve("garbled.jsonl");
        Files.writeString(garbled, "{\"eventIdentifier\":\"x\",\"payloadBase64\":\"%%%\"}\n");
        Offline malformed = offline(garbled, "rijnmond", 2023, null);
        assertThat(malformed.exit()).isEqualTo(1);
        assertThat(malformed.err()).contains("line 1 is not a line of an export");

        assertThat(offline(export, "rijnmond", 2019, null).exit()).isEqualTo(2);
        assertThat(offline(export, "atlantis", 2023, null).exit()).isEqualTo(2);
        assertThat(offline(export, "rijnmond", 2023, "2023-02-30").exit()).isEqualTo(2);
    }

    /** The endpoint's answer without its {@code asOf}, which an export's statement has not. */
    private static String withoutAsOf(String json) {
        String without = json.replaceFirst(",\"asOf\":\"[^\"]*\"", "");
        assertThat(without).isNotEqualTo(json);
        return without;
    }

    @Test
    void anExportWithOneLineAlteredYieldsNoStatement() throws Exception {
        Path export = export("altered.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        int altered = -1;
        for (int i = 0; i < lines.size() && altered < 0; i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            if (line.path("payloadType").asText().endsWith("PaymentRegistered")) {
                String payload = new String(
                        Base64.getDecoder().decode(line.get("payloadBase64").asText()), StandardCharsets.UTF_8);
                String more = payload.replace("\"1000.00\"", "\"100.00\"");
                assertThat(more).isNotEqualTo(payload);
                ((ObjectNode) line)
                        .put(
                                "payloadBase64",
                                Base64.getEncoder().encodeToString(more.getBytes(StandardCharsets.UTF_8)));
                lines.set(i, JSON.writeValueAsString(line));
                altered = i;
            }
        }
        assertThat(altered).as("a payment in the export").isNotNegative();
        Files.write(export, lines);

        Offline offline = offline(export, "rijnmond", 2021, null);

        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.out()).isEmpty();
        assertThat(offline.err()).contains("not valid");
    }

    @Test
    void theNationalStatementIsTheSumOfTheRegionsToTheCent() {
        for (int year = 2021; year <= 2024; year++) {
            for (String on : new String[] {"", "?on=2022-10-01"}) {
                JsonNode national = api.get("auditor", "/api/v1/statements/" + year + on)
                        .ok(200)
                        .json();
                Map<String, Map<String, BigDecimal>> sums = new HashMap<>();
                for (Region region : Regions.all()) {
                    for (JsonNode line :
                            statement(region.code().value(), year, on).get("lines")) {
                        Map<String, BigDecimal> sum =
                                sums.computeIfAbsent(line.get("budgets").toString(), k -> new HashMap<>());
                        for (String field : new String[] {
                            "cap", "requested", "reserved", "committed", "paid", "released", "available"
                        }) {
                            sum.merge(field, amount(line, field), BigDecimal::add);
                        }
                    }
                }
                assertThat(national.get("regions")).hasSize(35);
                for (JsonNode line : national.get("lines")) {
                    Map<String, BigDecimal> sum =
                            sums.getOrDefault(line.get("budgets").toString(), Map.of());
                    assertThat(amount(line, "allocated"))
                            .isEqualByComparingTo(sum.getOrDefault("cap", BigDecimal.ZERO));
                    for (String field :
                            new String[] {"requested", "reserved", "committed", "paid", "released", "available"}) {
                        assertThat(amount(line, field))
                                .as("%s of %s in %d%s", field, line.get("budgets"), year, on)
                                .isEqualByComparingTo(sum.getOrDefault(field, BigDecimal.ZERO));
                    }
                }
            }
        }
        JsonNode national2023 =
                api.get("auditor", "/api/v1/statements/2023").ok(200).json();
        // Wijziging 8 raised the merged cap of 2023 from 21,000,000.00 to 25,555,000.00 on 2023-11-02.
        assertThat(line(national2023, 0).get("cap").asText()).isEqualTo("25555000.00");
        JsonNode beforeTheRaise = api.get("auditor", "/api/v1/statements/2023?on=2023-11-01")
                .ok(200)
                .json();
        assertThat(line(beforeTheRaise, 0).get("cap").asText()).isEqualTo("21000000.00");
        assertThat(line(national2023, 0).get("allocated").asText()).isEqualTo("80000.00");
        assertThat(line(national2023, 0).get("paid").asText()).isEqualTo("6300.00");
        assertThat(national2023.get("openDiscrepancies").get("difference").asText())
                .isEqualTo("0.50");
    }

    @Test
    void theNationalCapsAreThoseInForceOnTheLegalDateAcrossTheRetroactiveCut() {
        // Wijziging 2, in force from 2021-11-23, cut the 2021 cap of praktijkleren from 28,000,000.00 to 5,500,000.00.
        assertThat(cap(national(2021, "?on=2021-11-01"), "[\"PRAKTIJKLEREN\"]")).isEqualTo("28000000.00");
        assertThat(cap(national(2021, "?on=2021-12-31"), "[\"PRAKTIJKLEREN\"]")).isEqualTo("5500000.00");
    }

    private JsonNode national(int year, String query) {
        return api.get("auditor", "/api/v1/statements/" + year + query).ok(200).json();
    }

    private static String cap(JsonNode national, String budgets) {
        for (JsonNode line : national.get("lines")) {
            if (line.get("budgets").toString().equals(budgets)) {
                return line.get("cap").asText();
            }
        }
        throw new AssertionError("no line " + budgets + " in " + national.get("lines"));
    }

    @Test
    void theCsvHasARowPerLineAndPerBudgetTypeAndThePdfShowsTheChainHead() throws Exception {
        JsonNode statement = statement("rijnmond", 2023, "");
        Response csv = api.get("coord-rijnmond", "/api/v1/regions/rijnmond/statements/2023.csv")
                .ok(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        int expected = 1;
        for (JsonNode line : statement.get("lines")) {
            expected += 1 + line.get("budgets").size();
        }
        assertThat(rows).hasSize(expected);
        assertThat(rows.get(0)).isEqualTo(StatementCsv.HEADER);
        assertThat(rows.get(1))
                .startsWith("rijnmond,2023," + statement.get("on").asText()
                        + ",OPEN,AANVULLENDE_DIENSTVERLENING+PRAKTIJKLEREN+WERKFITBEHOUD,,50000.00,,2000.00,2000.00,"
                        + "2700.00,3300.00,6000.00,40000.00,false,")
                .matches(".*," + statement.get("chainHead").asText() + ",20[0-9-]{8}T[0-9:.]+Z");
        assertThat(rows.get(2)).contains(",AANVULLENDE_DIENSTVERLENING,,,2000.00,2000.00,2700.00,3300.00,6000.00,,,");

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        api.request("auditor", "/api/v1/regions/rijnmond/statements/2023.pdf")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Verantwoording rijnmond 2023")
                    .contains(statement.get("chainHead").asText())
                    .contains("40000.00")
                    .contains("betaald in 2025: 1000.00")
                    .contains("Pagina 1 - positie " + statement.get("position").asText());
            assertThat(document.getDocumentInformation().getCustomMetadataValue("chainHead"))
                    .isEqualTo(statement.get("chainHead").asText());
        }
        HttpResponse<byte[]> nationalPdf = HttpClient.newHttpClient()
                .send(
                        api.request("auditor", "/api/v1/statements/2023.pdf")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        try (PDDocument document = Loader.loadPDF(nationalPdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Landelijke verantwoording 2023")
                    .contains("Pagina 2 - positie");
        }
        Response nationalCsv = api.get("kassier", "/api/v1/statements/2023.csv").ok(200);
        // The merged line with its three budget types, and uitvoeringskosten with its one.
        assertThat(nationalCsv.body().lines().filter(row -> row.startsWith("NL,")))
                .hasSize(1 + 3 + 1 + 1);
    }

    @Test
    void onlyThoseWhoAccountForTheBudgetSeeItsStatement() {
        long before = events.count();
        assertThat(api.get("coord-rijnmond", "/api/v1/regions/rijnmond/statements/2023")
                        .status())
                .isEqualTo(200);
        for (String[] refused : new String[][] {
            {"coord-drechtsteden", "/api/v1/regions/rijnmond/statements/2023", "403", "FORBIDDEN"},
            {"fnv-rijnmond", "/api/v1/regions/rijnmond/statements/2023", "403", "FORBIDDEN"},
            {"coord-rijnmond", "/api/v1/statements/2023", "403", "FORBIDDEN"},
            {"fnv-rijnmond", "/api/v1/statements/2023.csv", "403", "FORBIDDEN"},
            {"kassier", "/api/v1/regions/atlantis/statements/2023", "404", "NOT_FOUND"},
            {"kassier", "/api/v1/regions/rijnmond/statements/1999", "400", "VALIDATION_FAILED"},
            {"kassier", "/api/v1/regions/rijnmond/statements/twenty", "400", "VALIDATION_FAILED"},
            {"kassier", "/api/v1/regions/rijnmond/statements/2023?on=2023-13-01", "400", "VALIDATION_FAILED"},
            {
                "kassier",
                "/api/v1/regions/rijnmond/statements/2023?on=2023-06-30&on=2023-07-01",
                "400",
                "VALIDATION_FAILED"
            },
            {
                "kassier",
                "/api/v1/regions/rijnmond/statements/2023?asOf=2023-06-30T12:00:00%2B01:00",
                "400",
                "VALIDATION_FAILED"
            },
            {"kassier", "/api/v1/regions/rijnmond/statements/2023?year=2022", "400", "VALIDATION_FAILED"},
            {"kassier", "/api/v1/statements/2023.pdf?region=rijnmond", "400", "VALIDATION_FAILED"},
        }) {
            Response response = api.get(refused[0], refused[1]);
            assertThat(response.status())
                    .as(refused[1] + " " + response.body())
                    .isEqualTo(Integer.parseInt(refused[2]));
            assertThat(response.isProblem()).as(refused[1]).isTrue();
            assertThat(response.code()).as(refused[1]).isEqualTo(refused[3]);
        }
        assertThat(events.count()).isEqualTo(before);
    }

    private Path export(String name) throws Exception {
        Path export = dir.resolve(name);
        Files.writeString(
                export, api.get("auditor", "/api/v1/audit/export").ok(200).body(), StandardCharsets.UTF_8);
        return export;
    }

    private record Offline(int exit, String out, String err) {}

    private static Offline offline(Path export, String region, int year, String on, String... more) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(
                List.of("statement", export.toString(), "--region", region, "--year", String.valueOf(year)));
        if (on != null) {
            args.add("--on");
            args.add(on);
        }
        args.addAll(List.of(more));
        int exit = OfflineStatement.run(
                Clock.system(LegalDates.ZONE),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        return new Offline(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
