package nl.kassier.ledger.core.regeling;

/** Every event the regeling records: its published versions. */
public sealed interface RegelingEvent permits AmendmentPublished {}
