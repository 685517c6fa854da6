package nl.kassier.ledger.core.privacy;

import java.util.Optional;
import java.util.regex.Pattern;
import nl.kassier.ledger.core.shared.Digests;

/**
 * The partner's pseudonym for a candidate: 3 to {@value #LENGTH_MAX} letters, digits, {@code .}, {@code _} or
 * {@code -}, starting with a letter or digit, for every budget type. Never a BSN: a number of 8 or 9 digits that
 * passes the eleven-test is refused, whatever the partner meant by it.
 */
public record CandidateRef(String value) {

    public static final int LENGTH_MAX = 64;

    /** The pseudonym's form, as a regular expression (the OpenAPI document shows it). */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{2," + (LENGTH_MAX - 1) + "}";

    private static final Pattern PSEUDONYM = Pattern.compile(PATTERN);
    private static final Pattern EIGHT_OR_NINE_DIGITS = Pattern.compile("[0-9]{8,9}");
    private static final String LEGACY_PREFIX = "legacy-";
    private static final int LEGACY_DIGEST_CHARACTERS = 16;

    public CandidateRef {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** What is wrong with {@code text} as a candidate's pseudonym; empty when nothing is. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.of("required");
        }
        if (!PSEUDONYM.matcher(text).matches()) {
            return Optional.of("a pseudonym of 3 to " + LENGTH_MAX
                    + " letters, digits, '.', '_' or '-', starting with a" + " letter or digit; never a BSN or a name");
        }
        if (isBsn(text)) {
            return Optional.of("this is a BSN: give the partner's pseudonym for the candidate instead, never a BSN");
        }
        return Optional.empty();
    }

    /** Whether {@code text} is a number of 8 or 9 digits that passes the BSN eleven-test. */
    static boolean isBsn(String text) {
        if (!EIGHT_OR_NINE_DIGITS.matcher(text).matches()) {
            return false;
        }
        String nine = text.length() == 8 ? "0" + text : text;
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (nine.charAt(i) - '0') * (9 - i);
        }
        sum -= nine.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /**
     * A stored ref that an earlier rule let in but this one refuses (too long, other characters, a BSN): read as
     * {@code legacy-} and the first characters of its SHA-256, the same for the same ref, so that read models keep
     * telling candidates apart without showing what the partner typed. The stored event keeps the original.
     */
    public static CandidateRef repaired(String stored) {
        if (problem(stored).isEmpty()) {
            return new CandidateRef(stored);
        }
        return new CandidateRef(LEGACY_PREFIX + Digests.sha256(stored).substring(0, LEGACY_DIGEST_CHARACTERS));
    }

    /** {@code legacy-} and the first characters of {@code digest}: the stand-in for a stored ref today's rule refuses. */
    public static CandidateRef standIn(String digest) {
        return new CandidateRef(LEGACY_PREFIX + digest.substring(0, LEGACY_DIGEST_CHARACTERS));
    }

    @Override
    public String toString() {
        return value;
    }
}
