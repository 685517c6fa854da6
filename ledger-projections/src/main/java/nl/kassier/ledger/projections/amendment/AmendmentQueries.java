package nl.kassier.ledger.projections.amendment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the ledger knows of the regeling, on both clocks: the legal date and the ledger's own recording time. */
@Component
public class AmendmentQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    public AmendmentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SELECT = "SELECT document, recorded_at, event_position, actor FROM amendment_view";

    /** Every amendment the ledger has recorded, in recorded order. */
    public List<RecordedAmendment> all() {
        return known().amendments();
    }

    /** The regeling as the ledger knows it now: every amendment recorded, read as {@link RegelingHistory}. */
    public RegelingHistory law() {
        return known().law();
    }

    /**
     * What the read model holds now. Every budget answer needs the whole regeling, and its documents are large (an
     * allocation lists every region), so they are read and parsed again only when the read model has changed: rows are
     * only ever added (a rebuild empties the table first), so the last position and the number of rows tell. That
     * costs one small query per answer, and keeps read-your-writes: the table, not the cache, says what is known.
     */
    private Known known() {
        Known cached = this.cached;
        Boolean unchanged = jdbc.queryForObject(
                "SELECT coalesce(max(event_position), -1) = ? AND count(*) = ? FROM amendment_view",
                Boolean.class,
                cached.lastPosition(),
                (long) cached.amendments().size());
        if (Boolean.TRUE.equals(unchanged)) {
            return cached;
        }
        List<RecordedAmendment> amendments = List.copyOf(jdbc.query(SELECT + " ORDER BY event_position", this::row));
        Known fresh = new Known(
                amendments.isEmpty()
                        ? -1
                        : amendments.get(amendments.size() - 1).position(),
                amendments,
                RegelingHistory.of(
                        amendments.stream().map(RecordedAmendment::amendment).toList()));
        this.cached = fresh;
        return fresh;
    }

    private record Known(long lastPosition, List<RecordedAmendment> amendments, RegelingHistory law) {}

    private volatile Known cached = new Known(-1, List.of(), RegelingHistory.empty());

    /** Every amendment recorded up to and including {@code asOf}, in recorded order. */
    public List<RecordedAmendment> recordedUpTo(Instant asOf) {
        return jdbc.query(SELECT + " WHERE recorded_at <= ? ORDER BY event_position", this::row, Timestamp.from(asOf));
    }

    public Optional<RecordedAmendment> find(String amendmentId) {
        return jdbc.query(SELECT + " WHERE amendment_id = ?", this::row, amendmentId).stream()
                .findFirst();
    }

    private RecordedAmendment row(ResultSet rs, int row) throws SQLException {
        return new RecordedAmendment(
                read(rs.getString("document")),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getLong("event_position"),
                rs.getString("actor"));
    }

    /** The national caps for {@code year} in force on the legal date {@code on}, as the ledger knew them at {@code asOf}. */
    public List<CapLine> caps(int year, LocalDate on, Instant asOf) {
        List<Amendment> known =
                recordedUpTo(asOf).stream().map(RecordedAmendment::amendment).toList();
        return RegelingHistory.of(known).caps(year, on);
    }

    private Amendment read(String document) {
        try {
            return json.readValue(document, Amendment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("amendment_view holds a document that is not an amendment", e);
        }
    }
}
