package nl.kassier.ledger.core.regeling;

import org.axonframework.serialization.Revision;

/** A version of the regeling was published and is now part of the law the ledger enforces. */
@Revision("2")
public record AmendmentPublished(String regelingId, Amendment amendment, String actor) implements RegelingEvent {}
