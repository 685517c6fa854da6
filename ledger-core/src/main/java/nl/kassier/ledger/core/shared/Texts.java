package nl.kassier.ledger.core.shared;

import java.util.Optional;

/**
 * The one rule for text the ledger takes from outside (reasons, references, descriptions, names): no control
 * characters (U+0000–U+001F, U+007F–U+009F), no lone surrogates, and at most a named number of characters once
 * leading and trailing white space is trimmed. Lengths count characters (code points), as PostgreSQL does, so a value
 * that passes fits a column of that many characters.
 */
public final class Texts {

    private static final int REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    private Texts() {}

    /** What is wrong with {@code text} as free text of at most {@code lengthMax} characters; empty when nothing is. */
    public static Optional<String> problem(String text, int lengthMax) {
        if (text == null) {
            return Optional.of("required");
        }
        Optional<String> characters = characterProblem(text);
        if (characters.isPresent()) {
            return characters;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Optional.of("may not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > lengthMax) {
            return Optional.of("at most " + lengthMax + " characters");
        }
        return Optional.empty();
    }

    /** What is wrong with the characters of {@code text}, whatever its length; empty when nothing is. */
    public static Optional<String> characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                return Optional.of("may not contain control characters (U+" + hex(c) + " at position " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("may not contain a lone surrogate (position " + i + ")");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("may not contain a lone surrogate (position " + i + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code text} trimmed, or a refusal whose message says what is wrong with it. */
    public static String require(String text, int lengthMax) {
        Optional<String> problem = problem(text, lengthMax);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return text.strip();
    }

    /**
     * A value that an earlier rule let into the store but the current rule refuses, made to fit it: control
     * characters and lone surrogates become U+FFFD, the rest is trimmed and cut to {@code lengthMax} characters (the
     * last one an ellipsis). The stored event keeps the original; only what is read from it is repaired.
     */
    public static String repair(String stored, int lengthMax) {
        // Trimmed first, so that a line break at the end goes with the white space instead of becoming U+FFFD.
        String text = stored.strip();
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (isControl(c) || Character.isSurrogate(c)) {
                clean.appendCodePoint(REPLACEMENT);
            } else {
                clean.append(c);
            }
        }
        String trimmed = clean.toString().strip();
        if (trimmed.isEmpty()) {
            return String.valueOf((char) REPLACEMENT);
        }
        if (trimmed.codePointCount(0, trimmed.length()) <= lengthMax) {
            return trimmed;
        }
        int end = trimmed.offsetByCodePoints(0, lengthMax - 1);
        return trimmed.substring(0, end) + ELLIPSIS;
    }

    /**
     * {@code text} exactly as given, or a refusal: free text of at most {@code lengthMax} characters that needs no
     * trimming. For names, which are compared as they are: {@code "anna "} is not {@code "anna"}.
     */
    public static String requireExact(String text, int lengthMax) {
        String trimmed = require(text, lengthMax);
        if (!trimmed.equals(text)) {
            throw new IllegalArgumentException("may not begin or end with white space");
        }
        return text;
    }

    /** Whether {@code text} is whole: no control characters and no lone surrogates. */
    public static boolean isClean(String text) {
        return characterProblem(text).isEmpty();
    }

    /** Whether {@code c} is a control character, which the ledger takes in no text. */
    public static boolean isControl(int c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
