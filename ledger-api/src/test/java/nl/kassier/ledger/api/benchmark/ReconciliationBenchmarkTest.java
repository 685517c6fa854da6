package nl.kassier.ledger.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.RegisterPayment;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The kassier's import of a camt.053 statement of 10,000 entries against 10,000 registered payments: 9,980 match, 10
 * differ in amount, 10 name no payment, and the 10 payments they should have named are overdue. Prints how long the
 * import takes over HTTP, from the upload to the answer that comes once the report and every reservation's history
 * show it, and how long the same statement takes again. Asserts only that the work was done. Run with {@code ./mvnw
 * -B -Pbenchmark -pl ledger-api -am verify -Dtest=ReconciliationBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@LedgerServiceTest
@TestPropertySource(
        properties = {
            "ledger.users-file=src/test/resources/reconciliation-users.yml",
            "ledger.test-context=reconciliation-benchmark",
            "logging.level.nl.kassier=WARN"
        })
class ReconciliationBenchmarkTest {

    private static final int ENTRIES = 10_000;
    private static final int PAYMENTS_PER_RESERVATION = 100;
    private static final int DIFFERENCES = 10;
    private static final int UNKNOWN = 10;
    private static final LocalDate PAID = LocalDate.of(2022, 9, 1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    ProjectionBarrier barrier;

    @Test
    void importsAStatementOfTenThousandEntries() {
        Api api = new Api(port, Map.of("szw", "test", "kassier", "test", "auditor", "test", "coord-rijnmond", "test"));
        EventStore events = new EventStore(jdbc);
        long setup = System.nanoTime();
        List<String> payments = registerPayments(api);
        print("setup", String.format("%,d payments registered in %.1f s", payments.size(), seconds(setup)));

        byte[] statement = statement(payments);
        print(
                "statement",
                String.format("%,d entries, %.1f MiB of camt.053.001.08", ENTRIES, statement.length / 1048576.0));

        long before = events.count();
        long start = System.nanoTime();
        Response imported = post(api, statement);
        double firstSeconds = seconds(start);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode report = imported.json();
        assertThat(report.get("entries").asInt()).isEqualTo(ENTRIES);
        assertThat(report.get("matched")).hasSize(ENTRIES - DIFFERENCES - UNKNOWN);
        assertThat(report.get("amountDifferences")).hasSize(DIFFERENCES);
        assertThat(report.get("unmatchedBank")).hasSize(UNKNOWN);
        assertThat(report.get("unmatchedLedger")).hasSize(UNKNOWN);
        print(
                "import",
                String.format(
                        "%,d entries in %.1f s, %,d events recorded (the answer waits for the read models)",
                        ENTRIES, firstSeconds, events.count() - before));

        long settled = System.nanoTime();
        barrier.awaitEverything(java.time.Duration.ofMinutes(5));
        print(
                "settlements in histories",
                String.format("all read models caught up %.1f s after the answer", seconds(settled)));
        Long historyRows = jdbc.queryForObject(
                "SELECT count(*) FROM reservation_history WHERE type IN ('SETTLED', 'DISCREPANCY')", Long.class);
        assertThat(historyRows).isEqualTo((long) ENTRIES - UNKNOWN);

        long again = System.nanoTime();
        long recorded = events.count();
        Response reimported = post(api, statement);
        assertThat(reimported.status()).isEqualTo(200);
        assertThat(events.count()).isEqualTo(recorded);
        print("re-import", String.format("the same statement again in %.1f s, nothing recorded", seconds(again)));
    }

    /** 100 reservations of 5,000.00, each paid 100 times; payments go straight to the command bus. */
    private List<String> registerPayments(Api api) {
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"benchmark-2022","title":"Illustratieve verdeling 2022 (benchmark)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        Actor kassier = new Actor("kassier", "KASSIER", null);
        List<String> payments = new ArrayList<>();
        for (int r = 0; r < ENTRIES / PAYMENTS_PER_RESERVATION; r++) {
            Response reserved = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                    {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"5000.00",
                     "candidate":{"ref":"bench-%d","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                     "date":"2022-07-01"}
                    """.formatted(r));
            assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
            String id = reserved.json().get("id").asText();
            Response committed = api.post(
                    "coord-rijnmond",
                    "/api/v1/reservations/" + id + "/commit",
                    "{\"date\":\"2022-07-15\",\"amount\":\"5000.00\",\"reference\":\"bench-" + r + "\"}");
            assertThat(committed.status()).as(committed.body()).isEqualTo(200);
            for (int p = 0; p < PAYMENTS_PER_RESERVATION; p++) {
                int n = r * PAYMENTS_PER_RESERVATION + p;
                String paymentId = "BENCH-%05d".formatted(n);
                commands.sendAndWait(RegisterPayment.of(
                        new ReservationId(id),
                        new PaymentId(paymentId),
                        amount(n),
                        PAID,
                        new Reference("bench-" + n),
                        null,
                        kassier));
                payments.add(paymentId);
            }
        }
        barrier.awaitEverything(java.time.Duration.ofMinutes(5));
        return payments;
    }

    private static Money amount(int n) {
        return Money.ofCents(2000 + n % 100);
    }

    /** Every payment as a booked debit, the first ten for a cent more, the last ten under an unknown id. */
    private static byte[] statement(List<String> payments) {
        StringBuilder xml = new StringBuilder(ENTRIES * 800);
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>BENCH-20220930</MsgId><CreDtTm>2022-09-30T05:00:00+02:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>0001234567-2022-09-29</Id>
                      <CreDtTm>2022-09-30T05:00:00+02:00</CreDtTm>
                      <Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1.00</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2022-09-29</Dt></Dt></Bal>
                """);
        for (int n = 0; n < payments.size(); n++) {
            Money amount = amount(n);
            String endToEndId = payments.get(n);
            if (n < DIFFERENCES) {
                amount = amount.plus(Money.ofCents(1));
            } else if (n >= payments.size() - UNKNOWN) {
                endToEndId = "UNKNOWN-%05d".formatted(n);
            }
            xml.append("""
                          <Ntry>
                            <NtryRef>20220929-%06d</NtryRef>
                            <Amt Ccy="EUR">%s</Amt>
                            <CdtDbtInd>DBIT</CdtDbtInd>
                            <Sts><Cd>BOOK</Cd></Sts>
                            <BookgDt><Dt>2022-09-02</Dt></BookgDt>
                            <ValDt><Dt>2022-09-02</Dt></ValDt>
                            <AcctSvcrRef>INGB20220929%06d</AcctSvcrRef>
                            <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                            <NtryDtls><TxDtls>
                              <Refs><EndToEndId>%s</EndToEndId></Refs>
                              <Amt Ccy="EUR">%s</Amt>
                              <CdtDbtInd>DBIT</CdtDbtInd>
                              <RltdPties><Cdtr><Pty><Nm>Opleider %d BV</Nm></Pty></Cdtr>
                                <CdtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></CdtrAcct></RltdPties>
                              <RmtInf><Ustrd>Factuur bench-%d</Ustrd></RmtInf>
                            </TxDtls></NtryDtls>
                          </Ntry>
                    """.formatted(n, amount.toPlainString(), n, endToEndId, amount.toPlainString(), n, n));
        }
        xml.append("""
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Response post(Api api, byte[] statement) {
        return api.send(api.request("kassier", "/api/v1/reconciliations")
                .timeout(java.time.Duration.ofMinutes(5))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(statement)));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(String what, String figures) {
        System.out.println("BENCHMARK reconciliation " + what + ": " + figures);
    }
}
