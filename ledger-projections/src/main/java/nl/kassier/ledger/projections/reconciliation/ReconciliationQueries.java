package nl.kassier.ledger.projections.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.reconciliation.EarlierEntry;
import nl.kassier.ledger.core.reconciliation.LedgerPayment;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The reports of imported statements, and what the matching of a new statement needs to know of the ledger. */
@Component
public class ReconciliationQueries {

    private static final String PAYMENT_COLUMNS = "payment_id, reservation_id, amount_cents, payment_date";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    public ReconciliationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of statement summaries; {@code number} counts from zero. */
    public record Page(List<ReconciliationSummary> items, int number, int size, long total) {}

    /** The imported statements, newest first: in the reverse of the order they were imported. */
    public Page list(int page, int size) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM reconciliation_report", Long.class);
        List<ReconciliationSummary> items = jdbc.query(
                "SELECT reconciliation_id, statement_id, account, creation_date, imported_at, imported_by,"
                        + " (document ->> 'entries')::int AS entries,"
                        + " jsonb_array_length(document -> 'matched') AS matched,"
                        + " jsonb_array_length(document -> 'amountDifferences') AS amount_differences,"
                        + " jsonb_array_length(document -> 'unmatchedBank') AS unmatched_bank,"
                        + " jsonb_array_length(document -> 'unmatchedLedger') AS unmatched_ledger"
                        + " FROM reconciliation_report ORDER BY event_position DESC LIMIT ? OFFSET ?",
                (rs, row) -> new ReconciliationSummary(
                        rs.getString("reconciliation_id"),
                        rs.getString("statement_id"),
                        rs.getString("account"),
                        rs.getObject("creation_date", LocalDate.class),
                        rs.getTimestamp("imported_at").toInstant(),
                        rs.getString("imported_by"),
                        rs.getInt("entries"),
                        rs.getInt("matched"),
                        rs.getInt("amount_differences"),
                        rs.getInt("unmatched_bank"),
                        rs.getInt("unmatched_ledger")),
                size,
                (long) page * size);
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public Optional<ReconciliationReport> find(String reconciliationId) {
        return jdbc
                .query(
                        "SELECT document FROM reconciliation_report WHERE reconciliation_id = ?",
                        (rs, row) -> read(rs.getString("document")),
                        reconciliationId)
                .stream()
                .findFirst();
    }

    /** The registered payments among {@code paymentIds}. */
    public List<LedgerPayment> payments(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + PAYMENT_COLUMNS + " FROM payment_view WHERE payment_id = ANY(?)",
                ps -> ps.setArray(1, textArray(ps, paymentIds)),
                ReconciliationQueries::payment);
    }

    /** The payments dated before {@code date} that no imported statement has shown yet. */
    public List<LedgerPayment> paymentsWithoutBankEntryBefore(LocalDate date) {
        return jdbc.query(
                "SELECT " + PAYMENT_COLUMNS + " FROM payment_view p WHERE p.payment_date < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM payment_settlement s WHERE s.payment_id = p.payment_id)",
                ReconciliationQueries::payment,
                java.sql.Date.valueOf(date));
    }

    /** The entries of imported statements that showed any of {@code paymentIds}. */
    public List<EarlierEntry> earlierEntries(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT payment_id, reconciliation_id, entry_reference FROM payment_settlement"
                        + " WHERE payment_id = ANY(?)",
                ps -> ps.setArray(1, textArray(ps, paymentIds)),
                (rs, row) -> new EarlierEntry(
                        rs.getString("payment_id"),
                        rs.getString("reconciliation_id"),
                        rs.getString("entry_reference")));
    }

    private static Array textArray(PreparedStatement ps, Collection<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray());
    }

    private static LedgerPayment payment(ResultSet rs, int row) throws SQLException {
        java.sql.Date date = rs.getDate("payment_date");
        return new LedgerPayment(
                rs.getString("payment_id"),
                new ReservationId(rs.getString("reservation_id")),
                Money.ofCents(rs.getLong("amount_cents")),
                date == null ? null : date.toLocalDate());
    }

    private ReconciliationReport read(String document) {
        try {
            return json.readValue(document, ReconciliationReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored report cannot be read", e);
        }
    }
}
