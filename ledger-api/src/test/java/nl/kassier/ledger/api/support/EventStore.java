package nl.kassier.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import nl.kassier.ledger.api.support.Api.Response;
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

    /** Asserts that {@code request} is refused with {@code status} and {@code code}, and writes no event. */
    public void refused(Supplier<Response> request, int status, String code) {
        long before = count();
        Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(count()).as("events written by a refused request").isEqualTo(before);
    }
}
