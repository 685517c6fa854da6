package nl.kassier.ledger.core.regeling;

import java.util.List;
import java.util.Objects;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.BudgetTypes;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/** One region's share of a national cap for one year: the most that region may spend under that cap line. */
public record AllocationSetting(RegionCode region, int year, List<BudgetType> budgets, Money amount) {

    public AllocationSetting {
        Objects.requireNonNull(region, "region");
        budgets = BudgetTypes.normalize(budgets);
        Objects.requireNonNull(amount, "amount");
    }
}
