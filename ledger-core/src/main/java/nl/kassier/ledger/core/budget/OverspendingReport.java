package nl.kassier.ledger.core.budget;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/**
 * Which overspent lines a budget has reported: each line is reported once per allocation that leaves it overspent
 * (the line, the amendment that set the allocation, the allocation), so that a later cut reports it again and the
 * same state never twice.
 */
final class OverspendingReport {

    /** What identifies a report; an amendment id of null is a line under no cap. */
    record Key(List<BudgetType> budgets, String amendmentId, long allocationCents) {}

    private final Set<Key> reported = new HashSet<>();

    /** The reports {@code lines} call for that were not made before. */
    List<BudgetLineOverspent> due(BudgetId budget, List<BudgetLine> lines, Actor actor) {
        List<BudgetLineOverspent> due = new ArrayList<>();
        for (BudgetLine line : lines) {
            if (line.overspent() && !reported.contains(key(line.budgets(), line.amendmentId(), line.cap()))) {
                due.add(new BudgetLineOverspent(
                        budget.value(),
                        budget,
                        line.budgets(),
                        line.cap(),
                        line.drawn().total(),
                        line.amendmentId(),
                        actor));
            }
        }
        return due;
    }

    void record(BudgetLineOverspent event) {
        reported.add(key(event.budgets(), event.amendmentId(), event.allocation()));
    }

    private static Key key(List<BudgetType> budgets, String amendmentId, Money allocation) {
        return new Key(List.copyOf(budgets), amendmentId, allocation.cents());
    }
}
