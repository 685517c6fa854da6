package nl.kassier.ledger.core.regeling;

import java.util.List;
import java.util.Objects;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.BudgetTypes;
import nl.kassier.ledger.core.shared.Money;

/** A national cap (budgetplafond) for one year over one budget type, or over several when merged. */
public record CapSetting(int year, List<BudgetType> budgets, Money amount) {

    public CapSetting {
        budgets = BudgetTypes.normalize(budgets);
        Objects.requireNonNull(amount, "amount");
    }
}
