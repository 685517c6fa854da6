package nl.kassier.ledger.infra.audit;

import java.util.Objects;

/**
 * Recomputes the hash chain event by event, in position order, and remembers where it first stops matching: an event
 * whose content no longer gives its hash (altered), or whose recorded previous hash is not the hash of the event
 * before it (an event removed, inserted or moved). Works the same on the live table and on an export.
 */
public final class ChainVerifier {

    private String head = EventHashing.GENESIS;
    private long events;
    private long lastValidPosition;
    private Long firstInvalidPosition;
    private String reason;

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
        head = expected;
        lastValidPosition = event.position();
        return true;
    }

    private boolean broken(long position, String why) {
        firstInvalidPosition = position;
        reason = why;
        return false;
    }

    public Result result() {
        return new Result(events, firstInvalidPosition == null, head, lastValidPosition, firstInvalidPosition, reason);
    }

    /**
     * The outcome: how many events were read, whether all verified, the hash of the last valid event (the chain head
     * when valid), and where and why it first failed.
     */
    public record Result(
            long events,
            boolean valid,
            String head,
            long lastValidPosition,
            Long firstInvalidPosition,
            String reason) {}
}
