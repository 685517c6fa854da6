package nl.kassier.ledger.api.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Looks straight into the event table, to check what a request wrote or did not write. */
public final class EventStore {

    private final JdbcTemplate jdbc;

    public EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    public long countOfType(String payloadTypeSuffix) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?",
                Long.class,
                "%" + payloadTypeSuffix);
        return count == null ? 0 : count;
    }
}
