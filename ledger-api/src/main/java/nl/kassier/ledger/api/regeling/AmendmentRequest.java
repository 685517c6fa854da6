package nl.kassier.ledger.api.regeling;

import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/** The body of {@code POST /amendments}: a version of the regeling as SZW publishes it. */
public record AmendmentRequest(
        String id,
        String title,
        String gazette,
        LocalDate publishedOn,
        LocalDate effectiveFrom,
        LocalDate schemeEndsOn,
        List<Cap> caps,
        List<Allocation> allocations,
        List<Menu> menu,
        Eligibility eligibility) {

    static final int YEAR_MIN = 2020;
    static final int YEAR_MAX = 2100;
    private static final int CAPS_MAX = 100;
    private static final int ALLOCATIONS_MAX = 5_000;
    private static final int MENU_MAX = 100;

    public record Cap(Integer year, List<BudgetType> budgets, Money amount) {}

    public record Allocation(String region, Integer year, List<BudgetType> budgets, Money amount) {}

    public record Menu(BudgetType budget, MenuItem item, Money maximum, Money guidePrice) {}

    public record Eligibility(Boolean covidReferenceDateRequired, LocalDate covidReferenceDate) {}

    /** Checks every field and builds the domain's amendment, or refuses with all field errors at once. */
    public Amendment toAmendment() {
        Validation v = new Validation();
        if (v.required("id", id) && !Amendment.isValidId(id)) {
            v.fail("id", "a lower-case slug of at most 64 characters, such as wijziging-2");
        }
        if (v.required("title", title)) {
            v.text("title", title, Amendment.TITLE_LENGTH_MAX);
        }
        v.text("gazette", gazette, Amendment.GAZETTE_LENGTH_MAX);
        v.required("effectiveFrom", effectiveFrom);
        v.maxSize("caps", caps, CAPS_MAX);
        v.maxSize("allocations", allocations, ALLOCATIONS_MAX);
        v.maxSize("menu", menu, MENU_MAX);
        if (caps != null) {
            for (int i = 0; i < caps.size(); i++) {
                Cap cap = caps.get(i);
                String at = "caps[" + i + "]";
                if (v.required(at, cap)) {
                    checkYear(v, at + ".year", cap.year());
                    checkBudgets(v, at + ".budgets", cap.budgets());
                    v.required(at + ".amount", cap.amount());
                    v.amount(at + ".amount", cap.amount(), false);
                }
            }
        }
        if (allocations != null) {
            for (int i = 0; i < allocations.size(); i++) {
                Allocation allocation = allocations.get(i);
                String at = "allocations[" + i + "]";
                if (v.required(at, allocation)) {
                    if (v.required(at + ".region", allocation.region())
                            && Regions.find(allocation.region()).isEmpty()) {
                        v.fail(at + ".region", "unknown region");
                    }
                    checkYear(v, at + ".year", allocation.year());
                    checkBudgets(v, at + ".budgets", allocation.budgets());
                    v.required(at + ".amount", allocation.amount());
                    v.amount(at + ".amount", allocation.amount(), false);
                }
            }
        }
        if (menu != null) {
            for (int i = 0; i < menu.size(); i++) {
                Menu entry = menu.get(i);
                String at = "menu[" + i + "]";
                if (v.required(at, entry)) {
                    v.required(at + ".budget", entry.budget());
                    if (v.required(at + ".item", entry.item())
                            && entry.budget() != null
                            && entry.item().budget() != entry.budget()) {
                        v.fail(at + ".item", entry.item() + " is not an item of " + entry.budget());
                    }
                    if ((entry.maximum() == null) == (entry.guidePrice() == null)) {
                        v.fail(at, "give either a maximum or a guidePrice");
                    }
                    v.amount(at + ".maximum", entry.maximum(), true);
                    v.amount(at + ".guidePrice", entry.guidePrice(), true);
                }
            }
        }
        if (eligibility != null) {
            if (v.required("eligibility.covidReferenceDateRequired", eligibility.covidReferenceDateRequired())
                    && eligibility.covidReferenceDateRequired()) {
                v.required("eligibility.covidReferenceDate", eligibility.covidReferenceDate());
            }
        }
        if (schemeEndsOn != null && effectiveFrom != null && schemeEndsOn.isBefore(effectiveFrom)) {
            v.fail("schemeEndsOn", "the scheme cannot end before the amendment takes effect");
        }
        v.throwIfInvalid();
        return new Amendment(
                id,
                title,
                gazette,
                publishedOn,
                effectiveFrom,
                schemeEndsOn,
                caps == null
                        ? List.of()
                        : caps.stream()
                                .map(c -> new CapSetting(c.year(), c.budgets(), c.amount()))
                                .toList(),
                allocations == null
                        ? List.of()
                        : allocations.stream()
                                .map(a -> new AllocationSetting(
                                        Regions.find(a.region()).orElseThrow().code(),
                                        a.year(),
                                        a.budgets(),
                                        a.amount()))
                                .toList(),
                menu == null
                        ? List.of()
                        : menu.stream()
                                .map(m -> new MenuSetting(m.budget(), m.item(), m.maximum(), m.guidePrice()))
                                .toList(),
                eligibility == null
                        ? null
                        : new EligibilitySetting(
                                eligibility.covidReferenceDateRequired(), eligibility.covidReferenceDate()));
    }

    private static void checkYear(Validation v, String field, Integer year) {
        if (v.required(field, year)) {
            v.range(field, year, YEAR_MIN, YEAR_MAX);
        }
    }

    private static void checkBudgets(Validation v, String field, List<BudgetType> budgets) {
        if (!v.required(field, budgets) || budgets.isEmpty()) {
            if (budgets != null) {
                v.fail(field, "names at least one budget type");
            }
            return;
        }
        if (budgets.contains(null)) {
            v.fail(field, "contains an empty budget type");
        } else if (budgets.stream().distinct().count() != budgets.size()) {
            v.fail(field, "names a budget type twice");
        }
    }
}
