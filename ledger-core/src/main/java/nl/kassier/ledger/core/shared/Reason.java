package nl.kassier.ledger.core.shared;

/**
 * Free text: why a step was taken (a rejection, a release, a closing). At most {@value #LENGTH_MAX} characters, trimmed, without control characters
 * or lone surrogates ({@link Texts}). Not for personal data: events are forever.
 */
public record Reason(String value) {

    public static final int LENGTH_MAX = 500;

    public Reason {
        value = Texts.require(value, LENGTH_MAX);
    }

    /** A stored value that an earlier rule let in, made to fit this one (see {@link Texts#repair}). */
    public static Reason repaired(String stored) {
        return new Reason(Texts.repair(stored, LENGTH_MAX));
    }

    @Override
    public String toString() {
        return value;
    }
}
