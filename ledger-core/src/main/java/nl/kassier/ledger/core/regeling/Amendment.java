package nl.kassier.ledger.core.regeling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Texts;

/**
 * A version of the regeling as published in the Staatscourant: what it sets for the ledger. What an amendment leaves
 * out (caps of other years, menu items, scheme end, eligibility) stays as earlier amendments set it.
 *
 * @param schemeEndsOn the last day of the scheme period, or {@code null} when unchanged
 * @param eligibility the target-group rules, or {@code null} when unchanged
 * @param paymentsEndOn the last day on which commitments made within the scheme may still be paid, or {@code null}
 *     when unchanged (none of the nine versions sets one: payments go on)
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
        EligibilitySetting eligibility,
        LocalDate paymentsEndOn) {

    public static final int ID_LENGTH_MAX = 64;
    public static final int TITLE_LENGTH_MAX = 300;
    public static final int GAZETTE_LENGTH_MAX = 100;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (ID_LENGTH_MAX - 1) + "}");

    public Amendment {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an amendment id is a lower-case slug of at most 64 characters");
        }
        title = Texts.require(title, TITLE_LENGTH_MAX);
        // A blank gazette (which an earlier version took) is no reference: absent.
        gazette = gazette == null || gazette.isBlank() ? null : Texts.require(gazette, GAZETTE_LENGTH_MAX);
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        LegalDates.requireInRange(publishedOn, "publishedOn");
        LegalDates.requireInRange(effectiveFrom, "effectiveFrom");
        LegalDates.requireInRange(schemeEndsOn, "schemeEndsOn");
        LegalDates.requireInRange(paymentsEndOn, "paymentsEndOn");
        caps = caps == null ? List.of() : List.copyOf(caps);
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        menu = menu == null ? List.of() : List.copyOf(menu);
    }

    /** An amendment that sets no end to the payments. */
    public Amendment(
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
        this(id, title, gazette, publishedOn, effectiveFrom, schemeEndsOn, caps, allocations, menu, eligibility, null);
    }

    /**
     * The part of this amendment that concerns one region's budget for one year: its caps for that year, that
     * region's allocations for that year, and the national settings (menu, scheme end, eligibility). Where the
     * amendment replaces a regional table without listing the region, the region's allocation under it becomes zero.
     */
    public Amendment forBudget(RegionCode region, int year) {
        List<AllocationSetting> own = new ArrayList<>();
        Set<List<BudgetType>> listed = new HashSet<>();
        Set<List<BudgetType>> tables = new LinkedHashSet<>();
        for (AllocationSetting allocation : allocations) {
            if (allocation.year() != year) {
                continue;
            }
            tables.add(allocation.budgets());
            if (allocation.region().equals(region)) {
                own.add(allocation);
                listed.add(allocation.budgets());
            }
        }
        for (List<BudgetType> table : tables) {
            if (!listed.contains(table)) {
                own.add(new AllocationSetting(region, year, table, Money.ZERO));
            }
        }
        List<CapSetting> yearCaps = caps.stream().filter(c -> c.year() == year).toList();
        return new Amendment(
                id,
                title,
                gazette,
                publishedOn,
                effectiveFrom,
                schemeEndsOn,
                yearCaps,
                own,
                menu,
                eligibility,
                paymentsEndOn);
    }

    /** The years this amendment sets caps for. */
    public Set<Integer> capYears() {
        Set<Integer> years = new TreeSet<>();
        caps.forEach(c -> years.add(c.year()));
        return years;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
