package nl.kassier.ledger.infra.eventstore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the service asks of the event table beyond what Axon's event store does: where its head is, which event an
 * aggregate recorded last, and which events lie in a stretch of positions. Positions are the table's global index.
 */
public final class EventLog {

    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event's position and the name of its payload's type. */
    public record LoggedEvent(long position, String aggregateId, String payloadType) {}

    /** The event at the head of the table, with its hash in the chain. */
    public record Head(long position, String hash) {}

    /** The position of the last event recorded; empty while there is none. */
    public OptionalLong headPosition() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventTables.EVENTS, Long.class);
        return head == null ? OptionalLong.empty() : OptionalLong.of(head);
    }

    /** The last event recorded, with its chain hash; empty while there is none. */
    public Optional<Head> head() {
        return jdbc
                .query(
                        "SELECT global_index, hash FROM " + EventTables.EVENTS + " ORDER BY global_index DESC LIMIT 1",
                        (rs, row) -> new Head(rs.getLong(1), rs.getString(2)))
                .stream()
                .findFirst();
    }

    /** The last event {@code aggregateId} recorded, if any. */
    public Optional<LoggedEvent> latestOf(String aggregateId) {
        return jdbc
                .query(
                        "SELECT global_index, payload_type FROM " + EventTables.EVENTS
                                + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1",
                        (rs, row) -> new LoggedEvent(rs.getLong(1), aggregateId, rs.getString(2)),
                        aggregateId)
                .stream()
                .findFirst();
    }

    /** The sequence number of the last event {@code aggregateId} recorded; -1 when it has recorded none. */
    public long lastSequenceOf(String aggregateId) {
        Long last = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM " + EventTables.EVENTS + " WHERE aggregate_identifier = ?",
                Long.class,
                aggregateId);
        return last == null ? -1 : last;
    }

    /** The events after position {@code after} up to and including {@code upTo}, and those at {@code positions}. */
    public List<LoggedEvent> between(long after, long upTo, Collection<Long> positions) {
        return jdbc.query(
                "SELECT global_index, aggregate_identifier, payload_type FROM " + EventTables.EVENTS
                        + " WHERE (global_index > ? AND global_index <= ?) OR global_index = ANY(?)",
                (rs, row) -> new LoggedEvent(rs.getLong(1), rs.getString(2), rs.getString(3)),
                after,
                upTo,
                positions.toArray(Long[]::new));
    }
}
