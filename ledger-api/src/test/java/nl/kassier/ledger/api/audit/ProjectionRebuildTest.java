package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator rebuilds every read model from the events: afterwards every table is exactly as it was, and the
 * processes that act on events (the settlement of an imported statement) record nothing again.
 */
@LedgerServiceTest
@TestPropertySource(properties = {"ledger.demo=true", "ledger.test-context=rebuild"})
class ProjectionRebuildTest {

    private static final Map<String, String> READ_MODELS = new LinkedHashMap<>();

    static {
        READ_MODELS.put("amendment_view", "amendment_id");
        READ_MODELS.put("reservation_view", "reservation_id");
        READ_MODELS.put("reservation_history", "reservation_id, event_position");
        READ_MODELS.put("payment_view", "payment_id");
        READ_MODELS.put("budget_usage", "region, year, budget_type");
        READ_MODELS.put("budget_status", "region, year");
        READ_MODELS.put("budget_view_position", "aggregate_identifier");
        READ_MODELS.put("reconciliation_report", "reconciliation_id");
        READ_MODELS.put("payment_settlement", "payment_id, reconciliation_id, entry_reference");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectionRebuild rebuild;

    @Test
    void rebuildsEveryReadModelIdentically() {
        importAStatementShowingADemoPayment();
        Map<String, List<Map<String, Object>>> before = dump();
        assertThat(before.get("payment_settlement")).hasSize(1);
        assertThat(before.get("reservation_view")).hasSizeGreaterThan(20);
        assertThat(before.get("payment_view")).isNotEmpty();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        // A read model damaged by hand: only a real reset and replay makes this row go away.
        jdbc.update("INSERT INTO budget_usage (region, year, budget_type, paid_cents) VALUES ('zeeland', 1999,"
                + " 'WERKFITBEHOUD', 123)");

        rebuild.rebuild();

        assertThat(dump()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("a rebuild records nothing")
                .isEqualTo(events);
    }

    /** The kassier imports a statement that shows the first demo payment, so that it is settled. */
    private void importAStatementShowingADemoPayment() {
        Map<String, Object> payment = jdbc.queryForMap(
                "SELECT payment_id, amount_cents, payment_date FROM payment_view ORDER BY payment_id LIMIT 1");
        String amount = Money.ofCents(((Number) payment.get("amount_cents")).longValue())
                .toPlainString();
        LocalDate paid = ((java.sql.Date) payment.get("payment_date")).toLocalDate();
        String statement = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>REBUILD-1</MsgId><CreDtTm>%sT06:00:00+01:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>REBUILD-%s</Id>
                      <Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      <Ntry>
                        <NtryRef>1</NtryRef>
                        <Amt Ccy="EUR">%s</Amt>
                        <CdtDbtInd>DBIT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%s</Dt></BookgDt>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs></TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(paid.plusDays(1), paid, amount, paid, payment.get("payment_id"));
        Api.Response imported = new Api(port).post("kassier", "/api/v1/reconciliations", "application/xml", statement);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("matched")).hasSize(1);
    }

    private Map<String, List<Map<String, Object>>> dump() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        READ_MODELS.forEach((table, order) ->
                tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + order)));
        return tables;
    }
}
