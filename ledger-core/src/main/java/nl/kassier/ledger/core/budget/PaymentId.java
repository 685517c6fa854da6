package nl.kassier.ledger.core.budget;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A payment's id, which the bank returns as the payment's EndToEndId: 1 to {@value #LENGTH_MAX} visible ASCII
 * characters, unique across the ledger.
 */
public record PaymentId(String value) {

    public static final int LENGTH_MAX = 64;

    /** The id's form, as a regular expression (the OpenAPI document shows it). */
    public static final String PATTERN = "[!-~]{1," + LENGTH_MAX + "}";

    private static final Pattern VISIBLE_ASCII = Pattern.compile(PATTERN);

    public PaymentId {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** What is wrong with {@code text} as a payment id; empty when nothing is. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.of("required");
        }
        return VISIBLE_ASCII.matcher(text).matches()
                ? Optional.empty()
                : Optional.of("1 to " + LENGTH_MAX + " visible ASCII characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
