package nl.kassier.ledger.infra.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of a chained event: SHA-256 over its canonical form, byte for byte the same as the database function
 * {@code event_hash} of migration V4 computes when the event is appended. Each field is length-prefixed (4 bytes,
 * big-endian, -1 for null), numbers are 8 bytes big-endian, the recording instant is microseconds since the epoch.
 */
public final class EventHashing {

    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private EventHashing() {}

    public static String hash(String previousHash, ChainedEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(event.payload()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, previousHash);
            out.writeLong(event.position());
            out.writeLong(micros(event.recordedAt()));
            text(out, event.eventIdentifier());
            text(out, event.aggregateIdentifier());
            out.writeLong(event.sequenceNumber());
            text(out, event.type());
            text(out, event.timestamp());
            text(out, event.payloadType());
            text(out, event.payloadRevision());
            field(out, event.payload());
            field(out, event.metaData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
