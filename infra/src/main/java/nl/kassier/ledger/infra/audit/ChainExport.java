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
import java.time.Instant;
import java.util.Base64;

/**
 * The export of the whole stream as JSON Lines: one line per event with every field its hash covers (payload and
 * meta data base64-encoded, exactly as stored, and the payload once more as readable JSON), then one closing line with
 * the number of events and the chain head. {@link #verify(Path)} checks such a file without the service or its
 * database.
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

    public static void writeHead(Writer out, long events, String head) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("events", events);
        line.put("chainHead", head);
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    /**
     * Verifies an export: every event against the chain, and the closing line against the last event. A file whose
     * closing line is missing or disagrees is invalid, as is one with a malformed line.
     */
    public static ChainVerifier.Result verify(Path file) throws IOException {
        ChainVerifier verifier = new ChainVerifier();
        JsonNode closing = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = JSON.readTree(text);
                if (line.has("chainHead")) {
                    closing = line;
                    break;
                }
                if (!verifier.accept(read(line))) {
                    return verifier.result();
                }
            }
        }
        ChainVerifier.Result result = verifier.result();
        if (closing == null) {
            return new ChainVerifier.Result(
                    result.events(),
                    false,
                    result.head(),
                    result.lastValidPosition(),
                    null,
                    "the export has no closing line with the chain head: it was cut short");
        }
        if (closing.path("events").asLong(-1) != result.events()
                || !closing.path("chainHead").asText().equals(result.head())) {
            return new ChainVerifier.Result(
                    result.events(),
                    false,
                    result.head(),
                    result.lastValidPosition(),
                    null,
                    "the closing line does not name the last event's hash and count: events were cut off or added");
        }
        return result;
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
