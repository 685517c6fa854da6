package nl.kassier.ledger.core.budget;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * A reservation's identifier, naming the budget it belongs to: {@code rijnmond_2022_<uuid>}. Reservations live inside
 * their budget (the consistency boundary), so the id is all a command needs to find them.
 */
public record ReservationId(String value) {

    /** A region code, an underscore, a four-digit year, an underscore and a UUID. */
    public static final int LENGTH_MAX = RegionCode.LENGTH_MAX + 1 + 4 + 1 + 36;

    private static final Pattern FORMAT = Pattern.compile(
            "([a-z0-9]+(?:-[a-z0-9]+)*)_(\\d{4})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    public ReservationId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a reservation id: " + value);
        }
    }

    public static ReservationId of(BudgetId budget, UUID uuid) {
        return new ReservationId(budget.value() + BudgetId.SEPARATOR + uuid);
    }

    /** Parses an id from outside, refusing anything that is not one. */
    public static Optional<ReservationId> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new ReservationId(text)) : Optional.empty();
    }

    public BudgetId budget() {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(value);
        }
        return new BudgetId(new RegionCode(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return value;
    }
}
