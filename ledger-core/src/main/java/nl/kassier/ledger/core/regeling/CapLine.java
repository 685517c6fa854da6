package nl.kassier.ledger.core.regeling;

import java.util.List;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/** A national cap in force for a year, with the amendment that set it. */
public record CapLine(int year, List<BudgetType> budgets, Money amount, String amendmentId) {

    public boolean covers(BudgetType budget) {
        return budgets.contains(budget);
    }
}
