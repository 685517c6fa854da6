package nl.kassier.ledger.core.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar the ledger accepts: legal dates from 2000-01-01 to 2100-12-31, and recording instants within the same
 * years. The regeling runs from 2021 to 2024; the margin leaves room for any amendment, while a date such as
 * {@code 0000-01-01}, which no read model can store, is refused at the edge.
 */
public final class LegalDates {

    /** The legal calendar of the regeling is the Dutch one: "today" is today in Amsterdam. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public static final LocalDate MIN = LocalDate.of(2000, 1, 1);
    public static final LocalDate MAX = LocalDate.of(2100, 12, 31);
    public static final Instant INSTANT_MIN = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant INSTANT_MAX = Instant.parse("2100-12-31T23:59:59Z");

    private LegalDates() {}

    public static boolean isInRange(LocalDate date) {
        return !date.isBefore(MIN) && !date.isAfter(MAX);
    }

    public static boolean isInRange(Instant instant) {
        return !instant.isBefore(INSTANT_MIN) && !instant.isAfter(INSTANT_MAX);
    }

    /** {@code date}, or a refusal when it lies outside the ledger's calendar; {@code null} passes. */
    public static LocalDate requireInRange(LocalDate date, String what) {
        if (date != null && !isInRange(date)) {
            throw new IllegalArgumentException(what + " " + rangeProblem());
        }
        return date;
    }

    public static String rangeProblem() {
        return "must lie between " + MIN + " and " + MAX;
    }

    public static String instantRangeProblem() {
        return "must lie between " + INSTANT_MIN + " and " + INSTANT_MAX;
    }

    /**
     * A date an earlier rule let into the store but no read model can hold, moved to the nearest day of the
     * calendar. The stored event keeps the original.
     */
    public static LocalDate repair(LocalDate stored) {
        if (stored.isBefore(MIN)) {
            return MIN;
        }
        return stored.isAfter(MAX) ? MAX : stored;
    }
}
