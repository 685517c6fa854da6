/** The bimonthly monitor: stand en stromen of the reservations, without showing anyone. */
package nl.kassier.ledger.projections.monitor;
