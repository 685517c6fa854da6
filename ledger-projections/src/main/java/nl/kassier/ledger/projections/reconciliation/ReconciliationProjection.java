package nl.kassier.ledger.projections.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome;
import nl.kassier.ledger.core.reconciliation.StatementImported;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import nl.kassier.ledger.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the report of every imported statement and, per payment, the statement entries that showed it: the
 * knowledge the next import needs to tell a payment without a bank entry.
 */
@Component
@ProcessingGroup(ReconciliationProjection.PROCESSING_GROUP)
public class ReconciliationProjection {

    public static final String PROCESSING_GROUP = ReadModels.PROCESSING_GROUP;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    public ReconciliationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StatementImported event, @Timestamp Instant at, TrackingToken token) {
        ReconciliationReport report = ReconciliationReport.of(event, at);
        jdbc.update(
                "INSERT INTO reconciliation_report (reconciliation_id, statement_id, account, creation_date,"
                        + " imported_at, imported_by, event_position, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (reconciliation_id) DO NOTHING",
                report.id(),
                report.statementId(),
                report.account(),
                Date.valueOf(report.creationDate()),
                java.sql.Timestamp.from(at),
                report.importedBy(),
                token.position().orElseThrow(),
                document(report));
        List<Object[]> shown = new ArrayList<>();
        ReconciliationOutcome outcome = event.outcome();
        for (ReconciliationOutcome.Matched m : outcome.matched()) {
            shown.add(new Object[] {
                m.paymentId(), event.reconciliationId(), event.statement().statementId(), m.entryReference()
            });
        }
        for (ReconciliationOutcome.AmountDifference d : outcome.amountDifferences()) {
            shown.add(new Object[] {
                d.paymentId(), event.reconciliationId(), event.statement().statementId(), d.entryReference()
            });
        }
        if (!shown.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO payment_settlement (payment_id, reconciliation_id, statement_id, entry_reference)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    shown);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM payment_settlement");
        jdbc.update("DELETE FROM reconciliation_report");
    }

    private String document(ReconciliationReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is always JSON", e);
        }
    }
}
