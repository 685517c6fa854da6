package nl.kassier.ledger.core.privacy;

/** The answer to an erasure: whether this request destroyed anything ({@code recorded}) or found it done. */
public record ErasureReceipt(boolean recorded, int keysDestroyed) {}
