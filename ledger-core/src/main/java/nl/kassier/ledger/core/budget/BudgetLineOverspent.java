package nl.kassier.ledger.core.budget;

import java.util.List;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/**
 * An amendment cut a line's allocation below what was already used: the line is overspent, refuses new reservations,
 * and is reported. What was used stays. When an amendment left a budget type with use under no cap line at all, the
 * line is that type alone, its allocation zero and {@code amendmentId} null: no amendment sets a cap for it.
 */
@Revision("1")
public record BudgetLineOverspent(
        String budgetId,
        BudgetId budget,
        List<BudgetType> budgets,
        Money allocation,
        Money used,
        String amendmentId,
        Actor actor)
        implements BudgetEvent {}
