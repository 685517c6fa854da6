package nl.kassier.ledger.core.shared;

/**
 * Free text: what a reservation is for, in a few words. At most {@value #LENGTH_MAX} characters, trimmed, without control characters
 * or lone surrogates ({@link Texts}). Not for personal data: events are forever.
 */
public record Description(String value) {

    public static final int LENGTH_MAX = 200;

    public Description {
        value = Texts.require(value, LENGTH_MAX);
    }

    /** A stored value that an earlier rule let in, made to fit this one (see {@link Texts#repair}). */
    public static Description repaired(String stored) {
        return new Description(Texts.repair(stored, LENGTH_MAX));
    }

    @Override
    public String toString() {
        return value;
    }
}
