/** The reports of the imported bank statements, and which payments a statement has shown. */
package nl.kassier.ledger.projections.reconciliation;
