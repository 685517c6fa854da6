package nl.kassier.ledger.core.privacy;

import java.util.regex.Pattern;

/**
 * Which candidate a reservation is for, as the ledger tells candidates apart: a keyed digest of the partner's
 * pseudonym (HMAC-SHA-256 under the ledger's own secret, 128 bits as hex). The same pseudonym gives the same id, so
 * the menukaart maximum per candidate holds, also for reservations made after an erasure; without the secret, the id
 * neither gives the pseudonym back nor confirms a guess of it.
 */
public record CandidateId(String value) {

    /** Hex digits in an id: 128 bits. */
    public static final int LENGTH = 32;

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    public CandidateId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a candidate id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
