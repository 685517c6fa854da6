package nl.kassier.ledger.core.shared;

import java.util.regex.Pattern;

/** The code of an arbeidsmarktregio: a lower-case ASCII slug of its official name, such as {@code rijnmond}. */
public record RegionCode(String value) {

    public static final int LENGTH_MAX = 64;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RegionCode {
        if (value == null || value.length() > LENGTH_MAX || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("not a region code: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
