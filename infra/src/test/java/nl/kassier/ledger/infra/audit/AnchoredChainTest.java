package nl.kassier.ledger.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain anchored by signed checkpoints: a chain computed again after a change, one cut short, and a checkpoint
 * signed by another key are all reported, online (a list of checkpoints) and in an export (checkpoints between the
 * events).
 */
class AnchoredChainTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    /** A chain of {@code n} events, each chained to the one before as the database chains them. */
    private static List<ChainedEvent> chain(int n, String payloadPrefix) {
        List<ChainedEvent> events = new ArrayList<>();
        String previous = EventHashing.GENESIS;
        for (int position = 1; position <= n; position++) {
            ChainedEvent unhashed = event(position, previous, null, payloadPrefix + position);
            String hash = EventHashing.hash(previous, unhashed);
            events.add(event(position, previous, hash, payloadPrefix + position));
            previous = hash;
        }
        return events;
    }

    private static ChainedEvent event(long position, String previous, String hash, String payload) {
        return new ChainedEvent(
                position,
                AT.plusSeconds(position),
                "event-" + position,
                "budget",
                position,
                "Budget",
                AT.toString(),
                "nl.kassier.Event",
                "1",
                ("{\"n\":\"" + payload + "\"}").getBytes(StandardCharsets.UTF_8),
                null,
                previous,
                hash);
    }

    private final CheckpointKey key = CheckpointKey.loadOrCreate(Path.of("target", "anchored-chain-test.key"));

    private ChainVerifier.Result verify(List<ChainedEvent> events, List<ChainCheckpoint> checkpoints) {
        ChainVerifier verifier = new ChainVerifier(checkpoints, key.publicKey());
        for (ChainedEvent event : events) {
            if (!verifier.accept(event)) {
                break;
            }
        }
        return verifier.result();
    }

    @Test
    void aChainMatchingItsCheckpointsVerifies() {
        List<ChainedEvent> events = chain(10, "a");
        List<ChainCheckpoint> checkpoints = List.of(
                key.sign(4, events.get(3).hash(), AT),
                key.sign(10, events.get(9).hash(), AT));

        ChainVerifier.Result result = verify(events, checkpoints);

        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.checkpoints()).isEqualTo(2);
        assertThat(result.anchoredPosition()).isEqualTo(10);
        assertThat(result.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void aChainComputedAgainAfterAChangeIsReportedAtTheFirstCheckpointAfterIt() {
        List<ChainedEvent> original = chain(10, "a");
        List<ChainCheckpoint> checkpoints = List.of(
                key.sign(4, original.get(3).hash(), AT),
                key.sign(8, original.get(7).hash(), AT));
        // Event 6 altered and everything from it chained again: consistent on its own.
        List<ChainedEvent> rewritten = new ArrayList<>(original.subList(0, 5));
        String previous = original.get(4).hash();
        for (int position = 6; position <= 10; position++) {
            String payload = position == 6 ? "forged" : "a" + position;
            String hash = EventHashing.hash(previous, event(position, previous, null, payload));
            rewritten.add(event(position, previous, hash, payload));
            previous = hash;
        }
        assertThat(verify(rewritten, List.of()).valid()).as("the chain alone").isTrue();

        ChainVerifier.Result result = verify(rewritten, checkpoints);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstInvalidPosition()).isEqualTo(8);
        assertThat(result.reason()).contains("rewritten");
    }

    @Test
    void aChainCutShortOrACheckpointOfAnotherKeyIsReported() {
        List<ChainedEvent> events = chain(10, "a");
        ChainVerifier.Result cut =
                verify(events.subList(0, 6), List.of(key.sign(8, events.get(7).hash(), AT)));
        assertThat(cut.valid()).isFalse();
        assertThat(cut.reason()).contains("cut off");

        CheckpointKey other = CheckpointKey.loadOrCreate(dir.resolve("other.key"));
        ChainVerifier.Result forged =
                verify(events, List.of(other.sign(5, events.get(4).hash(), AT)));
        assertThat(forged.valid()).isFalse();
        assertThat(forged.reason()).contains("not signed by the ledger's key");

        ChainVerifier stillRunning =
                new ChainVerifier(List.of(key.sign(5, events.get(4).hash(), AT)), key.publicKey());
        events.subList(0, 5).forEach(stillRunning::accept);
        stillRunning.requireAnchoredAt(9);
        assertThat(stillRunning.result().reason()).contains("is missing");
    }

    @Test
    void anExportCarriesItsCheckpointsAndVerifiesOfflineWithThePinnedKey() throws Exception {
        List<ChainedEvent> events = chain(6, "a");
        StringWriter out = new StringWriter();
        ChainExport.writeKey(out, key);
        for (ChainedEvent event : events) {
            ChainExport.writeEvent(out, event);
            if (event.position() == 3 || event.position() == 6) {
                ChainExport.writeCheckpoint(out, key.sign(event.position(), event.hash(), AT));
            }
        }
        ChainExport.writeHead(out, events.size(), events.get(5).hash(), 2);
        Path export = dir.resolve("export.jsonl");
        Files.writeString(export, out.toString());

        ChainVerifier.Result pinned = ChainExport.verify(export, key.publicKey());
        ChainVerifier.Result named = ChainExport.verify(export, null);
        ChainVerifier.Result otherKey = ChainExport.verify(
                export, CheckpointKey.loadOrCreate(dir.resolve("another.key")).publicKey());

        assertThat(pinned.valid()).as(pinned.reason()).isTrue();
        assertThat(pinned.checkpoints()).isEqualTo(2);
        assertThat(named.valid()).isTrue();
        assertThat(otherKey.valid()).isFalse();
        List<String> lines = Files.readAllLines(export);
        lines.removeIf(line -> line.startsWith("{\"checkpoint\":{\"position\":6"));
        Path withoutOne = dir.resolve("without-a-checkpoint.jsonl");
        Files.write(withoutOne, lines);
        assertThat(ChainExport.verify(withoutOne, key.publicKey()).valid())
                .as("a checkpoint taken out of the export")
                .isFalse();
    }

    @Test
    void aKeyFileIsReadBackAsTheSameKey() {
        Path file = dir.resolve("checkpoint.key");
        CheckpointKey created = CheckpointKey.loadOrCreate(file);
        CheckpointKey read = CheckpointKey.loadOrCreate(file);

        assertThat(read.keyId()).isEqualTo(created.keyId());
        ChainCheckpoint signed = created.sign(1, "a".repeat(64), AT);
        assertThat(CheckpointKey.isSignedBy(signed, read.publicKey())).isTrue();
        assertThat(CheckpointKey.isSignedBy(signed, CheckpointKey.publicKey(read.publicKeyBase64())))
                .isTrue();
    }
}
