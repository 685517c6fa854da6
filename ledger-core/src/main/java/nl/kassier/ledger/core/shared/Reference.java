package nl.kassier.ledger.core.shared;

/**
 * Free text: the partner's or kassier's reference for a commitment or an invoice. At most {@value #LENGTH_MAX} characters, trimmed, without control characters or lone surrogates
 * ({@link Texts}). Not for personal data: events are forever.
 */
public record Reference(String value) {

    public static final int LENGTH_MAX = 128;

    public Reference {
        value = Texts.require(value, LENGTH_MAX);
    }

    /** A stored value that an earlier rule let in, made to fit this one (see {@link Texts#repair}). */
    public static Reference repaired(String stored) {
        return new Reference(Texts.repair(stored, LENGTH_MAX));
    }

    @Override
    public String toString() {
        return value;
    }
}
