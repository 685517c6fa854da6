package nl.kassier.ledger.api.regeling;

import java.util.List;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/** A national cap in force, as {@code GET /caps} shows it. */
public record CapResponse(List<BudgetType> budgets, Money amount, String amendmentId) {

    static CapResponse of(CapLine line) {
        return new CapResponse(line.budgets(), line.amount(), line.amendmentId());
    }
}
