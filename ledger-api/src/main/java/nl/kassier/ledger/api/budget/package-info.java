/** Budgets and reservations over REST, and the propagation of amendments to every budget they concern. */
package nl.kassier.ledger.api.budget;
