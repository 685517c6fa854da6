package nl.kassier.ledger.infra.audit;

import java.security.PublicKey;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Recomputes the hash chain event by event, in position order, and remembers where it first stops matching: an event
 * whose content no longer gives its hash (altered), or whose recorded previous hash is not the hash of the event
 * before it (an event removed, inserted or moved). Works the same on the live table and on an export.
 *
 * <p>The chain alone proves only that it is consistent: whoever can write to the database can also compute it again
 * after altering an event. The signed checkpoints ({@link ChainCheckpoint}) anchor it: each must be signed by the
 * trusted key and name the hash the chain has at its position, and the chain must reach the last of them. A chain
 * computed again after a change, or cut short, fails on the first checkpoint it no longer matches.
 */
public final class ChainVerifier {

    private final PublicKey trustedKey;
    private final Iterator<ChainCheckpoint> checkpoints;
    private ChainCheckpoint nextCheckpoint;
    private long checkpointsVerified;
    private long anchoredPosition;

    private String head = EventHashing.GENESIS;
    private long events;
    private long lastValidPosition;
    private Long firstInvalidPosition;
    private String reason;

    /** A verifier of the chain alone, without checkpoints. */
    public ChainVerifier() {
        this(List.of(), null);
    }

    /**
     * A verifier that also checks {@code checkpoints} (in position order) against the chain, each signed by {@code
     * trustedKey}.
     */
    public ChainVerifier(List<ChainCheckpoint> checkpoints, PublicKey trustedKey) {
        this.trustedKey = trustedKey;
        this.checkpoints = List.copyOf(checkpoints).iterator();
        this.nextCheckpoint = this.checkpoints.hasNext() ? this.checkpoints.next() : null;
    }

    /**
     * A verifier of the chain after {@code start}, a checkpoint taken as proven: the stretch of the chain signed
     * since. Refuses a start that {@code trustedKey} did not sign.
     */
    public static ChainVerifier after(ChainCheckpoint start, PublicKey trustedKey) {
        if (!CheckpointKey.isSignedBy(start, trustedKey)) {
            throw new IllegalStateException("the checkpoint at position " + start.position() + " is not signed by the"
                    + " key " + CheckpointKey.keyId(trustedKey) + ": every node of one ledger needs the same"
                    + " checkpoint key");
        }
        ChainVerifier verifier = new ChainVerifier(trustedKey);
        verifier.head = start.hash();
        verifier.lastValidPosition = start.position();
        verifier.anchoredPosition = start.position();
        return verifier;
    }

    /** A verifier of the chain and of the checkpoints fed to it between the events ({@link #acceptCheckpoint}). */
    public ChainVerifier(PublicKey trustedKey) {
        this(List.of(), trustedKey);
    }

    /** Feeds the next event in position order; returns false once the chain is broken. */
    public boolean accept(ChainedEvent event) {
        if (firstInvalidPosition != null) {
            return false;
        }
        events++;
        if (!Objects.equals(event.previousHash(), head)) {
            return broken(
                    lastValidPosition + 1,
                    "the event before position " + event.position() + " is not the one it was chained to:"
                            + " an event was removed, inserted or moved");
        }
        String expected = EventHashing.hash(head, event);
        if (!expected.equals(event.hash())) {
            return broken(event.position(), "the event at position " + event.position() + " was altered");
        }
        if (nextCheckpoint != null && nextCheckpoint.position() < event.position()) {
            // A checkpoint of a position the chain does not have: an event was taken out there.
            return acceptCheckpoint(nextCheckpoint);
        }
        head = expected;
        lastValidPosition = event.position();
        while (nextCheckpoint != null && nextCheckpoint.position() == event.position()) {
            if (!acceptCheckpoint(nextCheckpoint)) {
                return false;
            }
            nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
        }
        return true;
    }

    /**
     * Checks a checkpoint against the chain read so far: it must be signed by the trusted key and name the last
     * event read and its hash. Returns false, and the chain is invalid from there, when it does not.
     */
    public boolean acceptCheckpoint(ChainCheckpoint checkpoint) {
        if (firstInvalidPosition != null) {
            return false;
        }
        if (trustedKey == null || !CheckpointKey.isSignedBy(checkpoint, trustedKey)) {
            return broken(
                    checkpoint.position(),
                    "the checkpoint at position " + checkpoint.position() + " is not signed by the ledger's key"
                            + (trustedKey == null ? "" : " " + CheckpointKey.keyId(trustedKey))
                            + ": it was forged, or the key was replaced");
        }
        if (checkpoint.position() != lastValidPosition) {
            return broken(
                    checkpoint.position(),
                    "a checkpoint was signed at position " + checkpoint.position()
                            + ", which the chain does not have there: events were removed or moved");
        }
        if (!checkpoint.hash().equals(head)) {
            return broken(
                    checkpoint.position(),
                    "the chain at position " + checkpoint.position() + " is not the one signed at "
                            + checkpoint.signedAt() + ": the history up to there was rewritten");
        }
        checkpointsVerified++;
        anchoredPosition = checkpoint.position();
        return true;
    }

    /**
     * Requires the chain to reach, and match, a checkpoint the caller knows was signed (one this service signed
     * itself): a checkpoint removed from the store together with the events after it is found missing this way.
     */
    public void requireAnchoredAt(long position) {
        if (firstInvalidPosition == null && anchoredPosition < position) {
            broken(
                    position,
                    "the checkpoint this service signed at position " + position + " is missing, or the chain does"
                            + " not reach it: events and checkpoints were removed");
        }
    }

    private boolean broken(long position, String why) {
        if (firstInvalidPosition == null) {
            firstInvalidPosition = position;
            reason = why;
        }
        return false;
    }

    public Result result() {
        if (firstInvalidPosition == null && nextCheckpoint != null) {
            broken(
                    nextCheckpoint.position(),
                    "the chain ends at position " + lastValidPosition + " but was signed at position "
                            + nextCheckpoint.position() + ": events were cut off");
        }
        return new Result(
                events,
                firstInvalidPosition == null,
                head,
                lastValidPosition,
                firstInvalidPosition,
                reason,
                checkpointsVerified,
                anchoredPosition,
                trustedKey == null ? null : CheckpointKey.keyId(trustedKey));
    }

    /**
     * The outcome: how many events were read, whether all verified, the hash of the last valid event (the chain head
     * when valid), and where and why it first failed; how many signed checkpoints the chain matched, the last position
     * they anchor, and the id of the key they were checked with.
     */
    public record Result(
            long events,
            boolean valid,
            String head,
            long lastValidPosition,
            Long firstInvalidPosition,
            String reason,
            long checkpoints,
            long anchoredPosition,
            String keyId) {

        /** This result, found invalid for a reason outside the chain (an export's closing line, say). */
        public Result invalid(String why) {
            return valid
                    ? new Result(
                            events, false, head, lastValidPosition, null, why, checkpoints, anchoredPosition, keyId)
                    : this;
        }
    }
}
