package nl.kassier.ledger.infra.audit;

/** A point in the hash chain: an event's position and its hash, which covers every event before it. */
public record ChainPoint(long position, String hash) {

    public static ChainPoint of(ChainedEvent event) {
        return new ChainPoint(event.position(), event.hash());
    }

    /** The later of two points, either of which may be absent ({@code null}). */
    public static ChainPoint later(ChainPoint a, ChainPoint b) {
        if (a == null) {
            return b;
        }
        return b == null || a.position() > b.position() ? a : b;
    }
}
