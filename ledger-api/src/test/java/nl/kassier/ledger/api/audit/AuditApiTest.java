package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The auditor's guarantees, tested as an attacker with database rights would break them: a row altered or removed
 * behind the service's back is found, at the first position where the chain no longer holds; an export verifies on
 * its own and fails when one line is changed. Each tampering is undone afterwards, byte for byte.
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=audit")
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anUntouchedStoreVerifies() {
        Response verified = api.get("auditor", "/api/v1/audit/verify");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("valid").asBoolean()).isTrue();
        assertThat(verified.json().get("events").asLong()).isEqualTo(eventCount());
        assertThat(verified.json().get("head").asText()).isEqualTo(lastHash());
    }

    @Test
    void namesTheFirstPositionOfAnAlteredEvent() {
        long position = 3;
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
        try {
            // One space more at the end of the stored JSON: the same event to a reader, other bytes to the chain.
            tamper("UPDATE domain_event_entry SET payload = payload || '\\x20'::bytea WHERE global_index = "
                    + position);

            JsonNode verified = api.get("auditor", "/api/v1/audit/verify").json();

            assertThat(verified.get("valid").asBoolean()).isFalse();
            assertThat(verified.get("firstInvalidPosition").asLong()).isEqualTo(position);
            assertThat(verified.get("lastValidPosition").asLong()).isEqualTo(position - 1);
        } finally {
            tamper(() -> jdbc.update(
                    "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position));
        }
        assertThat(api.get("auditor", "/api/v1/audit/verify")
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void namesThePositionOfARemovedEvent() {
        long position = 5;
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", position);
        try {
            tamper("DELETE FROM domain_event_entry WHERE global_index = " + position);

            JsonNode verified = api.get("auditor", "/api/v1/audit/verify").json();

            assertThat(verified.get("valid").asBoolean()).isFalse();
            assertThat(verified.get("firstInvalidPosition").asLong()).isEqualTo(position);
            assertThat(verified.get("reason").asText()).contains("removed");
        } finally {
            tamper(() -> jdbc.update(
                    "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                            + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data,"
                            + " recorded_at, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.get("global_index"),
                    row.get("event_identifier"),
                    row.get("aggregate_identifier"),
                    row.get("sequence_number"),
                    row.get("type"),
                    row.get("time_stamp"),
                    row.get("payload_type"),
                    row.get("payload_revision"),
                    row.get("payload"),
                    row.get("meta_data"),
                    row.get("recorded_at"),
                    row.get("previous_hash"),
                    row.get("hash")));
        }
        assertThat(api.get("auditor", "/api/v1/audit/verify")
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void refusesToRewriteHistoryThroughTheService() {
        assertThat(tryUpdate("UPDATE domain_event_entry SET type = 'x' WHERE global_index = 1"))
                .contains("append-only");
        assertThat(tryUpdate("DELETE FROM domain_event_entry WHERE global_index = 1"))
                .contains("append-only");
    }

    @Test
    void anExportVerifiesOfflineAndFailsWithOneLineAltered() throws Exception {
        Path export = dir.resolve("export.jsonl");
        byte[] body = api.send(api.request("auditor", "/api/v1/audit/export").GET())
                .body()
                .getBytes(StandardCharsets.UTF_8);
        Files.write(export, body);

        ChainVerifier.Result valid = ChainExport.verify(export);

        assertThat(valid.valid()).isTrue();
        assertThat(valid.events()).isEqualTo(eventCount());
        List<String> lines = Files.readAllLines(export);
        lines.set(6, lines.get(6).replaceFirst("\"sequence\":\\d+", "\"sequence\":42"));
        Path altered = dir.resolve("altered.jsonl");
        Files.write(altered, lines);
        ChainVerifier.Result invalid = ChainExport.verify(altered);
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.firstInvalidPosition()).isEqualTo(7);
        Path truncated = dir.resolve("truncated.jsonl");
        Files.write(truncated, lines.subList(0, 3));
        assertThat(ChainExport.verify(truncated).valid()).isFalse();
    }

    @Test
    void streamsEveryEventInRecordingOrderWithActorAndChain() {
        Response first = api.get("kassier", "/api/v1/audit/events?after=0&limit=3");
        Response second = api.get(
                "kassier",
                "/api/v1/audit/events?after=" + first.json().get("next").asLong() + "&limit=3");

        assertThat(first.status()).isEqualTo(200);
        JsonNode events = first.json().get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("position").asLong()).isEqualTo(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("AmendmentPublished");
        assertThat(events.get(0).get("actor").asText()).isEqualTo("system:regeling-history");
        assertThat(events.get(0).get("previousHash").asText()).isEqualTo("0".repeat(64));
        assertThat(events.get(1).get("previousHash").asText())
                .isEqualTo(events.get(0).get("hash").asText());
        assertThat(second.json().get("events").get(0).get("position").asLong()).isEqualTo(4);
        assertThat(second.json().get("events").get(0).get("previousHash").asText())
                .isEqualTo(events.get(2).get("hash").asText());
        assertThat(api.get("coord-rijnmond", "/api/v1/audit/events").status()).isEqualTo(403);
        assertThat(api.get("kassier", "/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(api.get("auditor", "/api/v1/audit/events?limit=0").code()).isEqualTo("VALIDATION_FAILED");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private String lastHash() {
        return jdbc.queryForObject(
                "SELECT hash FROM domain_event_entry ORDER BY global_index DESC LIMIT 1", String.class);
    }

    /** What an attacker with database rights does: switch the guards off, change the rows, switch them on. */
    private void tamper(String sql) {
        tamper(() -> jdbc.execute(sql));
    }

    private void tamper(Runnable change) {
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER USER");
        try {
            change.run();
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER USER");
        }
    }

    private String tryUpdate(String sql) {
        try {
            jdbc.execute(sql);
            return "changed";
        } catch (org.springframework.core.NestedRuntimeException refused) {
            return String.valueOf(refused.getMostSpecificCause().getMessage());
        }
    }
}
