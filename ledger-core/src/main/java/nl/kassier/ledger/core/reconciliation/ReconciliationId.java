package nl.kassier.ledger.core.reconciliation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifier of one statement's reconciliation, derived from the account and the bank's statement id, so that
 * the same statement imported twice names the same reconciliation: {@code statement_NL20INGB0001234567_2022-08-12}.
 * Every character other than an ASCII letter, digit or hyphen is written as {@code ~} and the two hex digits of each
 * of its UTF-8 bytes, which keeps the id safe in a URL and different statements apart.
 */
public record ReconciliationId(String value) {

    /** The event store's limit on an aggregate identifier. */
    public static final int LENGTH_MAX = 255;

    private static final String PREFIX = "statement_";
    private static final Pattern FORMAT = Pattern.compile("statement_[A-Za-z0-9~-]+_[A-Za-z0-9~-]+");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public ReconciliationId {
        if (value == null
                || value.length() > LENGTH_MAX
                || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a reconciliation id: " + value);
        }
    }

    /** The id of the statement {@code statementId} of {@code account}; both must be non-empty. */
    public static ReconciliationId of(String account, String statementId) {
        if (account == null || account.isEmpty() || statementId == null || statementId.isEmpty()) {
            throw new IllegalArgumentException("a statement has an account and an id");
        }
        return new ReconciliationId(PREFIX + escape(account) + "_" + escape(statementId));
    }

    /** Whether {@code of(account, statementId)} gives an id within {@link #LENGTH_MAX}. */
    public static boolean fits(String account, String statementId) {
        return PREFIX.length()
                        + escape(account).length()
                        + 1
                        + escape(statementId).length()
                <= LENGTH_MAX;
    }

    /** Parses an id from outside, refusing anything that is not one. */
    public static Optional<ReconciliationId> parse(String text) {
        return text != null
                        && text.length() <= LENGTH_MAX
                        && FORMAT.matcher(text).matches()
                ? Optional.of(new ReconciliationId(text))
                : Optional.empty();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('~').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
