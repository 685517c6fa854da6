package nl.kassier.ledger.core.reconciliation;

/** Every event a reconciliation records: the one import of its bank statement. */
public sealed interface ReconciliationEvent permits StatementImported {}
