package nl.kassier.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an auditor checks after any load, crash or failover: the chain verifies online and in an export offline, and
 * along the positions each aggregate's events come in their sequence order and {@code recorded_at} never goes back.
 */
public final class LedgerIntegrity {

    private LedgerIntegrity() {}

    /** Asserts all of it, with {@code dir} to hold the export. */
    public static void assertIntact(Api api, JdbcTemplate jdbc, Path dir) {
        assertVerified(api, dir);
        assertOrdered(jdbc);
    }

    /** The chain verifies online and, exported into {@code dir}, offline. */
    public static void assertVerified(Api api, Path dir) {
        Response verified = api.get("auditor", "/api/v1/audit/verify");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("valid").asBoolean()).as(verified.body()).isTrue();
        try {
            Path export = Files.createTempFile(dir, "export", ".jsonl");
            Files.write(
                    export,
                    api.send(api.request("auditor", "/api/v1/audit/export").GET())
                            .body()
                            .getBytes(StandardCharsets.UTF_8));
            ChainVerifier.Result offline = ChainExport.verify(export, null);
            assertThat(offline.valid())
                    .as("the export verified offline: %s", offline)
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Along the positions, each aggregate's events in sequence order and {@code recorded_at} never going back. */
    public static void assertOrdered(JdbcTemplate jdbc) {
        Map<String, Long> lastSequence = new HashMap<>();
        Timestamp[] lastRecorded = {null};
        jdbc.query(
                "SELECT aggregate_identifier, sequence_number, recorded_at FROM domain_event_entry"
                        + " ORDER BY global_index",
                row -> {
                    String aggregate = row.getString(1);
                    long sequence = row.getLong(2);
                    Timestamp recorded = row.getTimestamp(3);
                    Long previous = lastSequence.put(aggregate, sequence);
                    assertThat(sequence)
                            .as("the event of %s after its sequence %s, along the positions", aggregate, previous)
                            .isEqualTo(previous == null ? 0 : previous + 1);
                    if (lastRecorded[0] != null) {
                        assertThat(recorded)
                                .as("recorded_at along the positions")
                                .isAfterOrEqualTo(lastRecorded[0]);
                    }
                    lastRecorded[0] = recorded;
                });
    }
}
