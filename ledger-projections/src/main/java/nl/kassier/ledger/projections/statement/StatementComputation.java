package nl.kassier.ledger.projections.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.ChainPoint;
import nl.kassier.ledger.infra.audit.RecordedEvents;
import nl.kassier.ledger.projections.asof.BudgetReplay;
import nl.kassier.ledger.projections.asof.RegelingReplay;
import nl.kassier.ledger.projections.budget.BudgetView;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Statements computed from recorded events alone: read by Axon's event store for the service, read from an export's
 * lines by {@link RecordedEvents} (the same serializer and upcasters) on the auditor's own machine; folded by
 * {@link BudgetReplay} either way, and the lines are {@link BudgetView}'s: one definition of the figures.
 */
public final class StatementComputation {

    private StatementComputation() {}

    /** The regeling as its recorded events leave it, with the point in the chain of the last of them. */
    public record Law(RegelingHistory history, ChainPoint last) {

        public static Law of(List<DomainEventMessage<?>> regelingEvents, ChainPoint last) {
            return new Law(RegelingReplay.of(regelingEvents), last);
        }
    }

    /**
     * The statement of one region's budget for {@code year} from its events (the last of them at {@code budgetLast} in
     * the chain), on the legal date {@code on}.
     */
    public static Statement regional(
            RegionCode region,
            int year,
            LocalDate on,
            Instant asOf,
            Law law,
            List<DomainEventMessage<?>> budgetEvents,
            ChainPoint budgetLast) {
        BudgetReplay replay = BudgetReplay.of(budgetEvents, on);
        Map<BudgetType, Usage> usage = replay.usage();
        Map<BudgetType, Money> released = new EnumMap<>(BudgetType.class);
        Map<BudgetType, Map<Integer, Money>> paidByYear = new EnumMap<>(BudgetType.class);
        Map<ReservationStatus, Integer> counts = new EnumMap<>(ReservationStatus.class);
        for (ReservationStatus status : ReservationStatus.values()) {
            counts.put(status, 0);
        }
        OpenDiscrepancies.Summary open = OpenDiscrepancies.Summary.NONE;
        for (BudgetReplay.Reservation reservation : replay.reservations()) {
            BudgetType type = reservation.budgetType();
            open = plus(open, reservation.openDiscrepancies().summary());
            counts.merge(reservation.state().status(), 1, Integer::sum);
            released.merge(type, reservation.released(), Money::plus);
            for (HistoryEntry entry : reservation.entries()) {
                if (entry.type() == HistoryEntry.Step.PAID) {
                    int paidIn = entry.date() == null ? year : entry.date().getYear();
                    paidByYear.computeIfAbsent(type, t -> new TreeMap<>()).merge(paidIn, entry.amount(), Money::plus);
                }
            }
        }
        BudgetView view = BudgetView.compute(region, year, asOf, replay.status(), law.history(), on, usage);
        List<Statement.Line> lines = new ArrayList<>();
        for (BudgetView.Line line : view.lines()) {
            List<Statement.ByBudgetType> byType = new ArrayList<>();
            Money lineReleased = Money.ZERO;
            Map<Integer, Money> linePaid = new TreeMap<>();
            for (BudgetType type : line.budgets()) {
                Usage drawn = usage.getOrDefault(type, Usage.NONE);
                Money freed = released.getOrDefault(type, Money.ZERO);
                byType.add(new Statement.ByBudgetType(
                        type, drawn.requested(), drawn.reserved(), drawn.committed(), drawn.paid(), freed));
                lineReleased = lineReleased.plus(freed);
                paidByYear
                        .getOrDefault(type, Map.of())
                        .forEach((paidIn, amount) -> linePaid.merge(paidIn, amount, Money::plus));
            }
            lines.add(new Statement.Line(
                    line.budgets(),
                    line.cap(),
                    line.requested(),
                    line.reserved(),
                    line.committed(),
                    line.paid(),
                    lineReleased,
                    line.available(),
                    line.overspent(),
                    List.copyOf(byType),
                    paid(linePaid)));
        }
        ChainPoint last = ChainPoint.later(law.last(), budgetLast);
        return new Statement(
                region,
                year,
                on,
                asOf,
                replay.status(),
                last == null ? 0 : last.position(),
                last == null ? null : last.hash(),
                List.copyOf(lines),
                counts,
                open);
    }

    /**
     * The national statement from the regions' statements: per national cap line in force on {@code on} its cap, the
     * sum of the regions' allocations and of their figures; a line some region has under no cap (use left by a split
     * of a merged cap) with a national cap of zero. A line is overspent when it is in any region.
     */
    public static NationalStatement national(int year, LocalDate on, Instant asOf, Law law, List<Statement> regions) {
        Map<List<BudgetType>, NationalSum> sums = new LinkedHashMap<>();
        for (CapLine cap : law.history().caps(year, on)) {
            sums.put(cap.budgets(), new NationalSum(cap.amount()));
        }
        long position = law.last() == null ? 0 : law.last().position();
        String head = law.last() == null ? null : law.last().hash();
        OpenDiscrepancies.Summary open = OpenDiscrepancies.Summary.NONE;
        for (Statement region : regions) {
            open = plus(open, region.openDiscrepancies());
            if (region.position() > position) {
                position = region.position();
                head = region.chainHead();
            }
            for (Statement.Line line : region.lines()) {
                sums.computeIfAbsent(line.budgets(), budgets -> new NationalSum(Money.ZERO))
                        .add(line);
            }
        }
        List<NationalStatement.Line> lines = new ArrayList<>();
        sums.forEach((budgets, sum) -> lines.add(sum.line(budgets)));
        return new NationalStatement(year, on, asOf, position, head, List.copyOf(lines), open, List.copyOf(regions));
    }

    /** The sums of one line over the regions. */
    private static final class NationalSum {
        final Money cap;
        Money allocated = Money.ZERO;
        Money requested = Money.ZERO;
        Money reserved = Money.ZERO;
        Money committed = Money.ZERO;
        Money paid = Money.ZERO;
        Money released = Money.ZERO;
        Money available = Money.ZERO;
        boolean overspent;
        final Map<BudgetType, Statement.ByBudgetType> byType = new EnumMap<>(BudgetType.class);
        final Map<Integer, Money> paidByYear = new TreeMap<>();

        NationalSum(Money cap) {
            this.cap = cap;
        }

        void add(Statement.Line line) {
            allocated = allocated.plus(line.cap());
            requested = requested.plus(line.requested());
            reserved = reserved.plus(line.reserved());
            committed = committed.plus(line.committed());
            paid = paid.plus(line.paid());
            released = released.plus(line.released());
            available = available.plus(line.available());
            overspent |= line.overspent();
            for (Statement.ByBudgetType type : line.byBudgetType()) {
                byType.merge(type.budget(), type, NationalSum::plus);
            }
            for (Statement.PaidInYear inYear : line.paidByYear()) {
                paidByYear.merge(inYear.year(), inYear.amount(), Money::plus);
            }
        }

        private static Statement.ByBudgetType plus(Statement.ByBudgetType a, Statement.ByBudgetType b) {
            return new Statement.ByBudgetType(
                    a.budget(),
                    a.requested().plus(b.requested()),
                    a.reserved().plus(b.reserved()),
                    a.committed().plus(b.committed()),
                    a.paid().plus(b.paid()),
                    a.released().plus(b.released()));
        }

        NationalStatement.Line line(List<BudgetType> budgets) {
            List<Statement.ByBudgetType> types = new ArrayList<>();
            for (BudgetType type : budgets) {
                types.add(byType.getOrDefault(
                        type,
                        new Statement.ByBudgetType(type, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO)));
            }
            return new NationalStatement.Line(
                    budgets,
                    cap,
                    allocated,
                    requested,
                    reserved,
                    committed,
                    paid,
                    released,
                    available,
                    overspent,
                    List.copyOf(types),
                    paid(paidByYear));
        }
    }

    private static OpenDiscrepancies.Summary plus(OpenDiscrepancies.Summary a, OpenDiscrepancies.Summary b) {
        return new OpenDiscrepancies.Summary(
                a.count() + b.count(), a.difference().plus(b.difference()));
    }

    private static List<Statement.PaidInYear> paid(Map<Integer, Money> byYear) {
        List<Statement.PaidInYear> paid = new ArrayList<>();
        byYear.forEach((year, amount) -> paid.add(new Statement.PaidInYear(year, amount)));
        return List.copyOf(paid);
    }
}
