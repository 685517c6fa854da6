package nl.kassier.ledger.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The export of the whole stream as JSON Lines: a first line naming the key that signs the checkpoints, one line per
 * event with every field its hash covers (payload and meta data base64-encoded, exactly as stored, and the payload
 * once more as readable JSON), each signed checkpoint right after the event it names, and one closing line with the
 * number of events and checkpoints and the chain head. {@link #verify(Path, PublicKey)} checks such a file without the
 * service or its database.
 */
public final class ChainExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainExport() {}

    public static void writeEvent(Writer out, ChainedEvent event) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("position", event.position());
        line.put("recordedAt", event.recordedAt().toString());
        line.put("eventIdentifier", event.eventIdentifier());
        line.put("aggregateId", event.aggregateIdentifier());
        line.put("sequence", event.sequenceNumber());
        line.put("type", event.type());
        line.put("timestamp", event.timestamp());
        line.put("payloadType", event.payloadType());
        line.put("payloadRevision", event.payloadRevision());
        line.put("payloadBase64", base64(event.payload()));
        line.put("metaDataBase64", base64(event.metaData()));
        try {
            line.set("payload", JSON.readTree(event.payload()));
        } catch (IOException e) {
            line.putNull("payload");
        }
        line.put("previousHash", event.previousHash());
        line.put("hash", event.hash());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    public static void writeHead(Writer out, long events, String head, long checkpoints) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("events", events);
        line.put("chainHead", head);
        line.put("checkpoints", checkpoints);
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    /**
     * The export's first line: which key signs its checkpoints, so that a reader can check them (and compare the key's
     * id with the one the kassier publishes).
     */
    public static void writeKey(Writer out, CheckpointKey key) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("checkpointKey", key.publicKeyBase64());
        line.put("keyId", key.keyId());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    /** A signed checkpoint, written right after the event it names. */
    public static void writeCheckpoint(Writer out, ChainCheckpoint checkpoint) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode fields = line.putObject("checkpoint");
        fields.put("position", checkpoint.position());
        fields.put("hash", checkpoint.hash());
        fields.put("signedAt", checkpoint.signedAt().toString());
        fields.put("keyId", checkpoint.keyId());
        fields.put("signature", checkpoint.signature());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    /**
     * Verifies an export: every event against the chain, every checkpoint against the chain and the key, and the
     * closing line against the last event and the number of checkpoints. The key is {@code pinned} if given (the one
     * the kassier publishes), else the one the export names. A file whose closing line is missing or disagrees is
     * invalid, as is one with a malformed line.
     */
    public static ChainVerifier.Result verify(Path file, PublicKey pinned) throws IOException {
        return verify(file, pinned, event -> {});
    }

    /**
     * Verifies the export as {@link #verify(Path, PublicKey)} does, in one pass, handing {@code verified} each event
     * the chain accepted, in order: a reader that uses them only when the result is valid uses exactly what was
     * verified, read once. A line after the closing line, or a line that is not an export's, makes the export invalid.
     */
    public static ChainVerifier.Result verify(Path file, PublicKey pinned, Consumer<ChainedEvent> verified)
            throws IOException {
        ChainVerifier verifier = pinned == null ? null : new ChainVerifier(pinned);
        JsonNode closing = null;
        long checkpoints = 0;
        long number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                if (closing != null) {
                    return (verifier == null ? new ChainVerifier() : verifier)
                            .result()
                            .invalid("line " + number + " follows the closing line: lines were added");
                }
                try {
                    JsonNode line = JSON.readTree(text);
                    if (line.has("checkpointKey")) {
                        if (verifier == null) {
                            verifier = new ChainVerifier(CheckpointKey.publicKey(
                                    line.get("checkpointKey").asText()));
                        }
                        continue;
                    }
                    if (verifier == null) {
                        // An export from before checkpoints: the chain alone.
                        verifier = new ChainVerifier();
                    }
                    if (line.has("chainHead")) {
                        closing = line;
                        continue;
                    }
                    boolean valid;
                    if (line.has("checkpoint")) {
                        checkpoints++;
                        valid = verifier.acceptCheckpoint(checkpoint(line.get("checkpoint")));
                    } else {
                        ChainedEvent event = read(line);
                        valid = verifier.accept(event);
                        if (valid) {
                            verified.accept(event);
                        }
                    }
                    if (!valid) {
                        return verifier.result();
                    }
                } catch (IOException | RuntimeException malformed) {
                    return (verifier == null ? new ChainVerifier() : verifier)
                            .result()
                            .invalid("line " + number + " is not a line of an export: " + malformed.getMessage());
                }
            }
        }
        ChainVerifier.Result result = verifier == null ? new ChainVerifier().result() : verifier.result();
        if (pinned != null && checkpoints == 0 && result.events() > 0) {
            return result.invalid("the export holds no checkpoint signed by the key it is checked with: nothing anchors"
                    + " its chain");
        }
        if (closing == null) {
            return result.invalid("the export has no closing line with the chain head: it was cut short");
        }
        if (closing.path("events").asLong(-1) != result.events()
                || !closing.path("chainHead").asText().equals(result.head())
                || closing.path("checkpoints").asLong(0) != checkpoints) {
            return result.invalid("the closing line does not name the last event's hash and the number of events and"
                    + " checkpoints: lines were cut off or added");
        }
        return result;
    }

    private static ChainCheckpoint checkpoint(JsonNode fields) {
        return new ChainCheckpoint(
                fields.path("position").asLong(),
                text(fields, "hash"),
                Instant.parse(fields.path("signedAt").asText()),
                text(fields, "keyId"),
                text(fields, "signature"));
    }

    private static ChainedEvent read(JsonNode line) {
        return new ChainedEvent(
                line.path("position").asLong(),
                Instant.parse(line.path("recordedAt").asText()),
                text(line, "eventIdentifier"),
                text(line, "aggregateId"),
                line.path("sequence").asLong(),
                text(line, "type"),
                text(line, "timestamp"),
                text(line, "payloadType"),
                text(line, "payloadRevision"),
                bytes(line, "payloadBase64"),
                bytes(line, "metaDataBase64"),
                text(line, "previousHash"),
                text(line, "hash"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode node = line.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static byte[] bytes(JsonNode line, String field) {
        String text = text(line, field);
        return text == null ? null : Base64.getDecoder().decode(text);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
