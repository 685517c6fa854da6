package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SZW settles a closed budget year on {@code date} (the vaststelling): from then nothing changes on it. */
public record SettleBudget(
        @TargetAggregateIdentifier String budgetId, BudgetId budget, LocalDate date, Reason reason, Actor actor) {

    public SettleBudget {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a settlement");
    }

    public static SettleBudget of(BudgetId budget, LocalDate date, Reason reason, Actor actor) {
        return new SettleBudget(budget.value(), budget, date, reason, actor);
    }
}
