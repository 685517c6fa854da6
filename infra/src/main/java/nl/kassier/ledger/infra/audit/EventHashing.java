package nl.kassier.ledger.infra.audit;

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

    /** One digest per thread, reset by every use: verification hashes millions of events without allocating one. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(EventHashing::sha256);

    public static String hash(String previousHash, ChainedEvent event) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        text(digest, previousHash);
        number(digest, event.position());
        number(digest, ChronoUnit.MICROS.between(Instant.EPOCH, event.recordedAt()));
        text(digest, event.eventIdentifier());
        text(digest, event.aggregateIdentifier());
        number(digest, event.sequenceNumber());
        text(digest, event.type());
        text(digest, event.timestamp());
        text(digest, event.payloadType());
        text(digest, event.payloadRevision());
        field(digest, event.payload());
        field(digest, event.metaData());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void text(MessageDigest digest, String value) {
        field(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] value) {
        if (value == null) {
            length(digest, -1);
            return;
        }
        length(digest, value.length);
        digest.update(value);
    }

    /** Four bytes, big-endian, as PostgreSQL's int4send. */
    private static void length(MessageDigest digest, int value) {
        digest.update((byte) (value >>> 24));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 8));
        digest.update((byte) value);
    }

    /** Eight bytes, big-endian, as PostgreSQL's int8send. */
    private static void number(MessageDigest digest, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (value >>> shift));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
