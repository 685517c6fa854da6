package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kassier closes a budget year on {@code date}: no new obligation arises on it from then. */
public record CloseBudget(
        @TargetAggregateIdentifier String budgetId, BudgetId budget, LocalDate date, Reason reason, Actor actor) {

    public CloseBudget {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a closing");
    }

    public static CloseBudget of(BudgetId budget, LocalDate date, Reason reason, Actor actor) {
        return new CloseBudget(budget.value(), budget, date, reason, actor);
    }
}
