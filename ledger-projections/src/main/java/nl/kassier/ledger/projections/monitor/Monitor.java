package nl.kassier.ledger.projections.monitor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.asof.BudgetReplay;
import nl.kassier.ledger.projections.budget.BudgetView;

/**
 * The monitor of one two-month period ({@code period} 1 = January–February … 6 = November–December of {@code year}):
 * per region, the reservations that were new, approved, committed and paid in the period (by the steps' legal dates)
 * and those open at its end, as counts and amounts, by menu item, by target group and by partner organisation; and the
 * utilisation of each cap line of the year's budget at the period's end.
 *
 * <p><b>No one can be picked out.</b> A cell whose reservations are for 1 to {@value #DISCLOSURE_MIN_MINUS_ONE}
 * candidates shows neither count nor amount ({@link Cell#suppressed}). Where a column then holds one suppressed cell,
 * or suppressed cells of fewer than {@value #DISCLOSURE_MIN} distinct candidates together, the next smallest cells are suppressed
 * too, so that the column's total minus the cells shown gives no group of fewer than five; where no cell is left to
 * suppress, the total is. Cells without a candidate (uitvoeringskosten) are about no one. Figures are from the one fold
 * of the events ({@link BudgetReplay}), cut at the period's end.
 */
public record Monitor(int year, int period, LocalDate from, LocalDate to, Instant asOf, List<RegionFigures> regions) {

    /** The fewest candidates a cell may show. */
    public static final int DISCLOSURE_MIN = 5;

    static final int DISCLOSURE_MIN_MINUS_ONE = DISCLOSURE_MIN - 1;

    /** The key of a cell for reservations that name no target group or no organisation. */
    public static final String NONE = "NONE";

    /** What is counted: the flows of the period, and the stand at its end. */
    public enum Measure {
        NEW,
        APPROVED,
        COMMITTED,
        PAID,
        OPEN
    }

    /** The breakdowns of each measure. */
    public enum Dimension {
        MENU_ITEM,
        TARGET_GROUP,
        ORGANISATION
    }

    /** One region's monitor. */
    public record RegionFigures(RegionCode region, List<Flow> flows, List<Utilisation> utilisation) {}

    /** One measure: its total and its cells in each breakdown. */
    public record Flow(Measure measure, Cell total, Map<Dimension, List<Cell>> cells) {}

    /**
     * A cell: how many reservations and for how much; both null when {@code suppressed}. {@code key} is a menu item, a
     * target group or an organisation (null for a total).
     */
    public record Cell(String key, Integer count, Money amount, boolean suppressed) {}

    /** A cap line at the period's end: the allocation, what is drawn on it, what is left, and the share drawn. */
    public record Utilisation(List<BudgetType> budgets, Money cap, Money used, Money available, String percentage) {}

    /** The first and last day of {@code period} of {@code year}. */
    public static LocalDate from(int year, int period) {
        return LocalDate.of(year, 2 * period - 1, 1);
    }

    public static LocalDate to(int year, int period) {
        return from(year, period).plusMonths(2).minusDays(1);
    }

    /**
     * A region's figures from the replays of its budgets (every year up to the monitor's, each cut at {@code to}) and
     * the view of the year's budget on {@code to}.
     */
    public static RegionFigures of(
            RegionCode region, List<BudgetReplay> budgets, BudgetView year, LocalDate from, LocalDate to) {
        Map<Measure, Tally> tallies = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            tallies.put(measure, new Tally());
        }
        for (BudgetReplay budget : budgets) {
            for (BudgetReplay.Reservation reservation : budget.reservations()) {
                count(reservation, from, to, tallies);
            }
        }
        List<Flow> flows = new ArrayList<>();
        tallies.forEach((measure, tally) -> flows.add(tally.flow(measure)));
        return new RegionFigures(region, flows, utilisation(year));
    }

    private static void count(
            BudgetReplay.Reservation reservation, LocalDate from, LocalDate to, Map<Measure, Tally> tallies) {
        BudgetReserved reserved = reservation.reserved();
        Keys keys = new Keys(
                reserved.menuItem().name(),
                reserved.targetGroup() == null ? NONE : reserved.targetGroup().name(),
                reserved.actor().organisation() == null
                        ? NONE
                        : reserved.actor().organisation(),
                reserved.candidate() == null ? null : reserved.candidate().value());
        Map<Measure, Money> flows = new EnumMap<>(Measure.class);
        for (HistoryEntry entry : reservation.entries()) {
            if (entry.date() == null
                    || entry.date().isBefore(from)
                    || entry.date().isAfter(to)) {
                continue;
            }
            switch (entry.type()) {
                case REQUESTED -> flows.merge(Measure.NEW, entry.amount(), Money::plus);
                case RESERVED -> {
                    // The coördinator's own reservation: new and approved at once.
                    flows.merge(Measure.NEW, entry.amount(), Money::plus);
                    flows.merge(Measure.APPROVED, entry.amount(), Money::plus);
                }
                case APPROVED -> flows.merge(Measure.APPROVED, entry.amount(), Money::plus);
                case COMMITTED -> flows.merge(Measure.COMMITTED, entry.amount(), Money::plus);
                case PAID -> flows.merge(Measure.PAID, entry.amount(), Money::plus);
                default -> {
                    // Rejections, releases and what a bank said change the stand, not the flows counted.
                }
            }
        }
        if (!reservation.state().status().isFinal()) {
            Usage usage = reservation.state().usage();
            flows.put(Measure.OPEN, usage.requested().plus(usage.reserved()).plus(usage.committed()));
        }
        flows.forEach((measure, amount) -> tallies.get(measure).add(keys, amount));
    }

    private record Keys(String menuItem, String targetGroup, String organisation, String candidate) {}

    /** One measure's counts as they are gathered: per breakdown and key, and in total. */
    private static final class Tally {
        private final Counter total = new Counter(null);
        private final Map<Dimension, Map<String, Counter>> cells = new EnumMap<>(Dimension.class);

        void add(Keys keys, Money amount) {
            total.add(keys.candidate(), amount);
            cell(Dimension.MENU_ITEM, keys.menuItem()).add(keys.candidate(), amount);
            cell(Dimension.TARGET_GROUP, keys.targetGroup()).add(keys.candidate(), amount);
            cell(Dimension.ORGANISATION, keys.organisation()).add(keys.candidate(), amount);
        }

        private Counter cell(Dimension dimension, String key) {
            return cells.computeIfAbsent(dimension, d -> new TreeMap<>()).computeIfAbsent(key, Counter::new);
        }

        Flow flow(Measure measure) {
            boolean totalSuppressed = revealing(total.candidates.size());
            Map<Dimension, List<Cell>> shown = new EnumMap<>(Dimension.class);
            for (Dimension dimension : Dimension.values()) {
                List<Counter> column =
                        new ArrayList<>(cells.getOrDefault(dimension, Map.of()).values());
                Set<Counter> suppressed = protect(column);
                if (needsTheTotalSuppressed(suppressed)) {
                    totalSuppressed = true;
                }
                shown.put(
                        dimension,
                        column.stream().map(c -> c.cell(suppressed.contains(c))).toList());
            }
            return new Flow(measure, total.cell(totalSuppressed), shown);
        }
    }

    private static boolean revealing(int candidates) {
        return candidates > 0 && candidates < DISCLOSURE_MIN;
    }

    /**
     * The cells of a column to suppress: those of 1–4 candidates, and then the smallest others until the suppressed
     * cells are at least two and hold at least five distinct candidates together, or none is left.
     */
    static Set<Counter> protect(List<Counter> column) {
        Set<Counter> suppressed = new HashSet<>();
        for (Counter cell : column) {
            if (revealing(cell.candidates.size())) {
                suppressed.add(cell);
            }
        }
        if (suppressed.isEmpty()) {
            return suppressed;
        }
        List<Counter> others = column.stream()
                .filter(c -> !suppressed.contains(c) && !c.candidates.isEmpty())
                .sorted(Comparator.comparingInt((Counter c) -> c.candidates.size())
                        .thenComparingInt(c -> c.count)
                        .thenComparing(c -> c.key))
                .toList();
        for (Counter next : others) {
            if (protectedEnough(suppressed)) {
                break;
            }
            suppressed.add(next);
        }
        return suppressed;
    }

    /**
     * Whether the suppressed cells, taken together as a difference would give them, are at least two and hold at
     * least five distinct candidates: one candidate in two cells (two menu items, two partners) counts once.
     */
    private static boolean protectedEnough(Set<Counter> suppressed) {
        Set<String> candidates = new HashSet<>();
        suppressed.forEach(c -> candidates.addAll(c.candidates));
        return suppressed.size() >= 2 && candidates.size() >= DISCLOSURE_MIN;
    }

    static boolean needsTheTotalSuppressed(Set<Counter> suppressed) {
        return !suppressed.isEmpty() && !protectedEnough(suppressed);
    }

    /** Reservations, their amount and their distinct candidates under one key. */
    static final class Counter {
        final String key;
        final Set<String> candidates = new HashSet<>();
        int count;
        Money amount = Money.ZERO;

        Counter(String key) {
            this.key = key;
        }

        void add(String candidate, Money more) {
            count++;
            amount = amount.plus(more);
            if (candidate != null) {
                candidates.add(candidate);
            }
        }

        Cell cell(boolean suppressed) {
            return suppressed ? new Cell(key, null, null, true) : new Cell(key, count, amount, false);
        }
    }

    private static List<Utilisation> utilisation(BudgetView year) {
        List<Utilisation> lines = new ArrayList<>();
        for (BudgetView.Line line : year.lines()) {
            Money used = line.cap().minus(line.available());
            lines.add(
                    new Utilisation(line.budgets(), line.cap(), used, line.available(), percentage(used, line.cap())));
        }
        return lines;
    }

    /**
     * {@code used} as a percentage of {@code cap}, to one decimal ({@code "43.1"}), rounded half up from the cents;
     * null without a cap. The one rule for a share of a cap: the monitor's utilisation and the dashboard's.
     */
    public static String percentage(Money used, Money cap) {
        if (!cap.isPositive()) {
            return null;
        }
        return used.toBigDecimal()
                .multiply(java.math.BigDecimal.valueOf(100))
                .divide(cap.toBigDecimal(), 1, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
