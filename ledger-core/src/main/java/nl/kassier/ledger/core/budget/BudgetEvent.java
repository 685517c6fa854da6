package nl.kassier.ledger.core.budget;

/**
 * Every event a budget records: the law it adopted, what it reported of its lines, its reservations' lives, and the
 * closing and settlement of its year.
 */
public sealed interface BudgetEvent
        permits AmendmentAdopted, BudgetLineOverspent, ReservationEvent, BudgetClosed, BudgetSettled {

    /** The budget's aggregate identifier, such as {@code rijnmond_2022}. */
    String budgetId();
}
