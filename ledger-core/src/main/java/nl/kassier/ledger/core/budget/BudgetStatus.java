package nl.kassier.ledger.core.budget;

/**
 * Where a budget year stands after the regeling: open while obligations may arise; closed by the kassier once the year
 * is over (what was reserved or requested is freed, commitments are still paid); settled by SZW (the vaststelling:
 * what was committed and not paid is freed, and nothing changes any more).
 */
public enum BudgetStatus {
    OPEN,
    CLOSED,
    SETTLED
}
