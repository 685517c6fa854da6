package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Money;

/**
 * What closing or settling a budget year did: how many reservations it rejected (still requested) and released
 * (reserved, or committed and not fully paid), and how much that freed under the caps.
 */
public record ClosingReceipt(BudgetId budget, BudgetStatus status, int rejected, int released, Money freed) {}
