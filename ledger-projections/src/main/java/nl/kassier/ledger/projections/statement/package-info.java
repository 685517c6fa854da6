/**
 * The statements (verantwoording) of a budget year, per region and national, drawn from the recorded events by the
 * same replay online and from an export.
 */
package nl.kassier.ledger.projections.statement;
