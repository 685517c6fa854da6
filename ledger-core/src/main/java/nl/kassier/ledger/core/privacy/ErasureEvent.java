package nl.kassier.ledger.core.privacy;

/** Every event an erasure records. */
public sealed interface ErasureEvent permits CandidateErased {}
