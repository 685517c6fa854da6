package nl.kassier.ledger.core.regeling;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A version of the regeling as published in the Staatscourant: what it sets for the ledger. What an amendment leaves
 * out (caps of other years, menu items, scheme end, eligibility) stays as earlier amendments set it.
 *
 * @param schemeEndsOn the last day of the scheme period, or {@code null} when unchanged
 * @param eligibility the target-group rules, or {@code null} when unchanged
 */
public record Amendment(
        String id,
        String title,
        String gazette,
        LocalDate publishedOn,
        LocalDate effectiveFrom,
        LocalDate schemeEndsOn,
        List<CapSetting> caps,
        List<AllocationSetting> allocations,
        List<MenuSetting> menu,
        EligibilitySetting eligibility) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public Amendment {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an amendment id is a lower-case slug of at most 64 characters");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        caps = caps == null ? List.of() : List.copyOf(caps);
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        menu = menu == null ? List.of() : List.copyOf(menu);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
