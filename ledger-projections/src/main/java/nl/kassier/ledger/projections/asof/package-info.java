/** Budgets and reservations as the ledger knew them at an instant, replayed from the recorded events. */
package nl.kassier.ledger.projections.asof;
