/** The read model of the regeling's versions and the caps query on both clocks. */
package nl.kassier.ledger.projections.amendment;
