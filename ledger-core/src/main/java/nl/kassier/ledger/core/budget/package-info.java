/** The budget of a region for a year: its cap lines, its reservations, and the rules that keep it within its caps. */
package nl.kassier.ledger.core.budget;
