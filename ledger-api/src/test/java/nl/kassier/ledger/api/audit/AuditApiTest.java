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
import nl.kassier.ledger.infra.audit.ChainCheckpoint;
import nl.kassier.ledger.infra.audit.ChainCheckpoints;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import nl.kassier.ledger.infra.audit.EventTableReader;
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
// Checkpoints are signed only when a test asks (ChainAnchoring.anchor), never by the schedule in between.
@TestPropertySource(properties = {"ledger.test-context=audit", "ledger.checkpoint.interval=PT1H"})
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChainAnchoring anchoring;

    @Autowired
    ChainCheckpoints checkpoints;

    @Autowired
    CheckpointKey key;

    @Autowired
    EventTableReader events;

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
        assertVerifies();
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
            tamper(() -> insertEvent(row));
        }
        assertVerifies();
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

        ChainVerifier.Result valid = ChainExport.verify(export, null);

        assertThat(valid.valid()).isTrue();
        assertThat(valid.events()).isEqualTo(eventCount());
        List<String> lines = Files.readAllLines(export);
        int seventh = lineOfPosition(lines, 7);
        lines.set(seventh, lines.get(seventh).replaceFirst("\"sequence\":\\d+", "\"sequence\":42"));
        Path altered = dir.resolve("altered.jsonl");
        Files.write(altered, lines);
        ChainVerifier.Result invalid = ChainExport.verify(altered, null);
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.firstInvalidPosition()).isEqualTo(7);
        Path truncated = dir.resolve("truncated.jsonl");
        Files.write(truncated, lines.subList(0, 3));
        assertThat(ChainExport.verify(truncated, null).valid()).isFalse();
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

    @Test
    void aHistoryRewrittenAndChainedAgainIsReportedOnlineAndOffline() throws Exception {
        ChainCheckpoint anchored =
                anchoring.anchor().orElseGet(() -> checkpoints.latest().orElseThrow());
        long position = anchored.position() - 10;
        // Events after the checkpoint, for the next one to be signed over.
        assertThat(api.post("szw", "/api/v1/amendments", """
                                {"id":"audit-rewrite","title":"Na het ankerpunt (test)","effectiveFrom":"2022-01-01"}""").status()).isEqualTo(201);
        List<Map<String, Object>> original = jdbc.queryForList(
                "SELECT global_index, payload, previous_hash, hash FROM domain_event_entry WHERE global_index >= ?"
                        + " ORDER BY global_index",
                position);
        try {
            // Someone with the database's password alters an event and computes the chain again from there, with
            // the database's own hash function: the chain by itself is consistent again.
            tamper("UPDATE domain_event_entry SET payload = payload || '\\x20'::bytea WHERE global_index = "
                    + position);
            tamper(rechainFrom(position));
            ChainVerifier chainOnly = new ChainVerifier();
            events.forEach(chainOnly::accept);
            assertThat(chainOnly.result().valid()).as("the chain alone").isTrue();

            JsonNode online = api.get("auditor", "/api/v1/audit/verify").json();
            Path export = dir.resolve("rechained.jsonl");
            Files.write(
                    export,
                    api.send(api.request("auditor", "/api/v1/audit/export").GET())
                            .body()
                            .getBytes(StandardCharsets.UTF_8));
            ChainVerifier.Result offline = ChainExport.verify(export, key.publicKey());

            assertThat(online.get("valid").asBoolean()).as(online.toString()).isFalse();
            assertThat(online.get("firstInvalidPosition").asLong()).isBetween(position, anchored.position());
            assertThat(online.get("reason").asText()).contains("rewritten");
            assertThat(offline.valid()).isFalse();
            assertThat(offline.reason()).contains("rewritten");
            assertThat(anchoring.anchor())
                    .as("no checkpoint is signed over a rewritten chain")
                    .isEmpty();
        } finally {
            tamper(() -> original.forEach(row -> jdbc.update(
                    "UPDATE domain_event_entry SET payload = ?, previous_hash = ?, hash = ? WHERE global_index = ?",
                    row.get("payload"),
                    row.get("previous_hash"),
                    row.get("hash"),
                    row.get("global_index"))));
        }
        assertVerifies();
    }

    @Test
    void aHistoryCutShortWithItsCheckpointsIsReported() {
        api.post("szw", "/api/v1/amendments", """
                {"id":"audit-cut","title":"Een wijziging om af te knippen (test)","effectiveFrom":"2022-01-01"}""");
        ChainCheckpoint signed = anchoring.anchor().orElseThrow();
        List<Map<String, Object>> cutEvents = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE global_index > ? ORDER BY global_index", signed.position() - 3);
        List<Map<String, Object>> cutCheckpoints =
                jdbc.queryForList("SELECT * FROM chain_checkpoint WHERE position > ?", signed.position() - 3);
        try {
            tamper("DELETE FROM domain_event_entry WHERE global_index > " + (signed.position() - 3));
            tamperCheckpoints("DELETE FROM chain_checkpoint WHERE position > " + (signed.position() - 3));

            JsonNode online = api.get("auditor", "/api/v1/audit/verify").json();

            assertThat(online.get("valid").asBoolean()).as(online.toString()).isFalse();
            assertThat(online.get("reason").asText()).contains("removed");
            assertThat(anchoring.anchor())
                    .as("no checkpoint is signed over a history cut short")
                    .isEmpty();
        } finally {
            tamper(() -> cutEvents.forEach(this::insertEvent));
            tamperCheckpoints(() -> cutCheckpoints.forEach(row -> jdbc.update(
                    "INSERT INTO chain_checkpoint (position, hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)",
                    row.get("position"),
                    row.get("hash"),
                    row.get("signed_at"),
                    row.get("key_id"),
                    row.get("signature"))));
        }
        assertVerifies();
    }

    @Test
    void anExportOfAHistoryCutShortFailsOfflineWithThePinnedKey() throws Exception {
        api.post("szw", "/api/v1/amendments", """
                {"id":"audit-cut-export","title":"Nog een wijziging om af te knippen (test)",
                 "effectiveFrom":"2022-01-01"}""");
        ChainCheckpoint signed = anchoring.anchor().orElseThrow();
        List<Map<String, Object>> cutEvents = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE global_index > ? ORDER BY global_index", signed.position() - 3);
        Path export = dir.resolve("cut.jsonl");
        try {
            // The events go; the checkpoint that names them stays, and travels with the export.
            tamper("DELETE FROM domain_event_entry WHERE global_index > " + (signed.position() - 3));
            Files.write(
                    export,
                    api.send(api.request("auditor", "/api/v1/audit/export").GET())
                            .body()
                            .getBytes(StandardCharsets.UTF_8));
        } finally {
            tamper(() -> cutEvents.forEach(this::insertEvent));
        }

        ChainVerifier.Result offline = ChainExport.verify(export, key.publicKey());

        assertThat(offline.valid()).isFalse();
        assertThat(offline.firstInvalidPosition()).isEqualTo(signed.position());
        List<String> withoutCheckpoints = Files.readAllLines(export).stream()
                .filter(line -> !line.startsWith("{\"checkpoint\":"))
                .map(line -> line.replaceFirst("\"checkpoints\":\\d+", "\"checkpoints\":0"))
                .toList();
        Path stripped = dir.resolve("stripped.jsonl");
        Files.write(stripped, withoutCheckpoints);
        assertThat(ChainExport.verify(stripped, key.publicKey()).reason())
                .as("an export stripped of its checkpoints, checked with the pinned key")
                .contains("nothing anchors");
    }

    @Test
    void aForgedCheckpointIsReported() {
        ChainCheckpoint real =
                anchoring.anchor().orElseGet(() -> checkpoints.latest().orElseThrow());
        // A key of the forger's own: the store takes its checkpoint, the verification does not.
        CheckpointKey forger = CheckpointKey.loadOrCreate(dir.resolve("forged.key"));
        ChainCheckpoint forged = forger.sign(real.position() - 1, lastHash(), real.signedAt());
        try {
            checkpoints.record(forged);

            JsonNode online = api.get("auditor", "/api/v1/audit/verify").json();

            assertThat(online.get("valid").asBoolean()).isFalse();
            assertThat(online.get("reason").asText()).contains("not signed by the ledger's key");
        } finally {
            tamperCheckpoints("DELETE FROM chain_checkpoint WHERE position = " + forged.position());
        }
    }

    /** The chain computed again from {@code position} to the head, as the V4 migration computes it. */
    private static String rechainFrom(long position) {
        return """
                DO $$
                DECLARE
                    event record;
                    previous char(64);
                    chained char(64);
                BEGIN
                    SELECT hash INTO previous FROM domain_event_entry WHERE global_index = %d;
                    FOR event IN SELECT * FROM domain_event_entry WHERE global_index >= %d ORDER BY global_index LOOP
                        chained := event_hash(previous, event.global_index, event.recorded_at, event.event_identifier,
                            event.aggregate_identifier, event.sequence_number, event.type, event.time_stamp,
                            event.payload_type, event.payload_revision, event.payload, event.meta_data);
                        UPDATE domain_event_entry SET previous_hash = previous, hash = chained
                         WHERE global_index = event.global_index;
                        previous := chained;
                    END LOOP;
                END;
                $$""".formatted(position - 1, position);
    }

    private static int lineOfPosition(List<String> lines, long position) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"position\":" + position + ",")) {
                return i;
            }
        }
        throw new IllegalStateException("no line of position " + position);
    }

    private void insertEvent(Map<String, Object> row) {
        jdbc.update(
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
                row.get("hash"));
    }

    private void tamperCheckpoints(String sql) {
        tamperCheckpoints(() -> jdbc.execute(sql));
    }

    private void tamperCheckpoints(Runnable change) {
        jdbc.execute("ALTER TABLE chain_checkpoint DISABLE TRIGGER USER");
        try {
            change.run();
        } finally {
            jdbc.execute("ALTER TABLE chain_checkpoint ENABLE TRIGGER USER");
        }
    }

    private void assertVerifies() {
        assertThat(api.get("auditor", "/api/v1/audit/verify")
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
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
