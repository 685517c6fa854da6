/**
 * The read models of budgets, reservations and payments, and the queries a coördinator, partner or kassier asks of them.
 */
package nl.kassier.ledger.projections.budget;
