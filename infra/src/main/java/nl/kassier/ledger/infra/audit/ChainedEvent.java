package nl.kassier.ledger.infra.audit;

import java.time.Instant;

/**
 * One stored event row with everything its hash covers, as the event table holds it and as an export writes it. The
 * payload and meta data are the stored bytes (JSON), exactly.
 */
public record ChainedEvent(
        long position,
        Instant recordedAt,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData,
        String previousHash,
        String hash) {}
