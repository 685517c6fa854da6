package nl.kassier.ledger.core.budget;

/** Every event a budget records: the law it adopted, what it reported of its lines, and its reservations' lives. */
public sealed interface BudgetEvent permits AmendmentAdopted, BudgetLineOverspent, ReservationEvent {

    /** The budget's aggregate identifier, such as {@code rijnmond_2022}. */
    String budgetId();
}
