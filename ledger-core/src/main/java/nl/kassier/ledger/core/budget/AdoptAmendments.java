package nl.kassier.ledger.core.budget;

import java.util.List;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tells a budget the regeling's versions so far, each cut down to what concerns that region and year, in recorded
 * order. The budget adopts those it does not know yet; sending the same list again changes nothing.
 */
public record AdoptAmendments(
        @TargetAggregateIdentifier String budgetId, BudgetId budget, List<Amendment> extracts, Actor actor) {

    public AdoptAmendments {
        extracts = List.copyOf(extracts);
    }

    public static AdoptAmendments of(BudgetId budget, List<Amendment> extracts, Actor actor) {
        return new AdoptAmendments(budget.value(), budget, extracts, actor);
    }
}
