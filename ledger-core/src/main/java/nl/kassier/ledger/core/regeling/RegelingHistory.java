package nl.kassier.ledger.core.regeling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * The amendments of the regeling in the order the ledger recorded them, and the one rule that reads them: on a legal
 * date, a setting (cap, allocation table, menu entry, scheme end, eligibility) is the one made by the amendment with
 * the latest {@code effectiveFrom} on or before that date; ties go to the amendment recorded later.
 *
 * <p>A cap line is in force for a year when no newer amendment set a cap for that year naming any of its budget
 * types. So a merged cap replaces the separate caps it merges, and a later split replaces the merged cap for the
 * types it names (the others then have no cap until an amendment sets one). Immutable.
 */
public final class RegelingHistory {

    private static final RegelingHistory EMPTY = new RegelingHistory(List.of());

    private final List<Amendment> recorded;

    private RegelingHistory(List<Amendment> recorded) {
        this.recorded = List.copyOf(recorded);
    }

    public static RegelingHistory empty() {
        return EMPTY;
    }

    /** Builds the history from amendments in the order they were recorded. */
    public static RegelingHistory of(List<Amendment> recordedInOrder) {
        return new RegelingHistory(recordedInOrder);
    }

    public RegelingHistory with(Amendment amendment) {
        List<Amendment> next = new ArrayList<>(recorded);
        next.add(amendment);
        return new RegelingHistory(next);
    }

    public List<Amendment> amendments() {
        return recorded;
    }

    public boolean contains(String amendmentId) {
        return recorded.stream().anyMatch(a -> a.id().equals(amendmentId));
    }

    public boolean isEmpty() {
        return recorded.isEmpty();
    }

    /** The amendments in force on {@code on}, the one that decides first. */
    private List<Amendment> inForceNewestFirst(LocalDate on) {
        Comparator<Integer> byEffectiveDate =
                Comparator.comparing(i -> recorded.get(i).effectiveFrom());
        return IntStream.range(0, recorded.size())
                .boxed()
                .filter(i -> !recorded.get(i).effectiveFrom().isAfter(on))
                .sorted(byEffectiveDate.thenComparing(Comparator.naturalOrder()).reversed())
                .map(recorded::get)
                .toList();
    }

    /** The national caps for {@code year} in force on the legal date {@code on}. */
    public List<CapLine> caps(int year, LocalDate on) {
        Set<BudgetType> claimed = EnumSet.noneOf(BudgetType.class);
        List<CapLine> lines = new ArrayList<>();
        for (Amendment amendment : inForceNewestFirst(on)) {
            Set<BudgetType> claimedByThisAmendment = EnumSet.noneOf(BudgetType.class);
            for (CapSetting cap : amendment.caps()) {
                if (cap.year() != year) {
                    continue;
                }
                if (Collections.disjoint(claimed, cap.budgets())) {
                    lines.add(new CapLine(year, cap.budgets(), cap.amount(), amendment.id()));
                }
                claimedByThisAmendment.addAll(cap.budgets());
            }
            claimed.addAll(claimedByThisAmendment);
        }
        lines.sort(Comparator.comparing(line -> line.budgets().get(0)));
        return List.copyOf(lines);
    }

    /** The cap line a reservation of {@code budget} draws on in {@code year}, if any is in force on {@code on}. */
    public Optional<CapLine> capLineFor(int year, BudgetType budget, LocalDate on) {
        return caps(year, on).stream().filter(line -> line.covers(budget)).findFirst();
    }

    /**
     * The regional table for the cap line over exactly {@code budgets} in {@code year}: the one given by the newest
     * amendment in force that gives allocations for it. A region it does not list has no allocation.
     */
    public Map<RegionCode, Money> allocations(int year, List<BudgetType> budgets, LocalDate on) {
        for (Amendment amendment : inForceNewestFirst(on)) {
            Map<RegionCode, Money> table = new LinkedHashMap<>();
            for (AllocationSetting allocation : amendment.allocations()) {
                if (allocation.year() == year && allocation.budgets().equals(budgets)) {
                    table.put(allocation.region(), allocation.amount());
                }
            }
            if (!table.isEmpty()) {
                return Collections.unmodifiableMap(table);
            }
        }
        return Map.of();
    }

    /** The id of the amendment whose regional table for (year, budgets) is in force on {@code on}. */
    public Optional<String> allocationAmendment(int year, List<BudgetType> budgets, LocalDate on) {
        return inForceNewestFirst(on).stream()
                .filter(a -> a.allocations().stream()
                        .anyMatch(x -> x.year() == year && x.budgets().equals(budgets)))
                .map(Amendment::id)
                .findFirst();
    }

    /** The menukaart entry for {@code item} in force on {@code on}. */
    public Optional<MenuSetting> menu(MenuItem item, LocalDate on) {
        for (Amendment amendment : inForceNewestFirst(on)) {
            for (MenuSetting setting : amendment.menu()) {
                if (setting.item() == item) {
                    return Optional.of(setting);
                }
            }
        }
        return Optional.empty();
    }

    /** The first day of the scheme: the earliest effective date of any version. */
    public Optional<LocalDate> schemeStart() {
        return recorded.stream().map(Amendment::effectiveFrom).min(Comparator.naturalOrder());
    }

    /** The last day of the scheme period as set by the versions in force on {@code on}. */
    public Optional<LocalDate> schemeEnd(LocalDate on) {
        return inForceNewestFirst(on).stream()
                .map(Amendment::schemeEndsOn)
                .filter(end -> end != null)
                .findFirst();
    }

    /** The last day commitments may be paid, as set by the versions in force on {@code on}; empty: no end is set. */
    public Optional<LocalDate> paymentsEnd(LocalDate on) {
        return inForceNewestFirst(on).stream()
                .map(Amendment::paymentsEndOn)
                .filter(end -> end != null)
                .findFirst();
    }

    /** The target-group rules in force on {@code on}, if any version set them. */
    public Optional<EligibilitySetting> eligibility(LocalDate on) {
        return inForceNewestFirst(on).stream()
                .map(Amendment::eligibility)
                .filter(e -> e != null)
                .findFirst();
    }
}
