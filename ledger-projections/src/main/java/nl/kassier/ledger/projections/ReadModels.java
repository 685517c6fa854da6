package nl.kassier.ledger.projections;

/**
 * The one tracking processor that keeps every read model: amendments, budgets with their reservations and payments,
 * and the reconciliation reports. One processor reads the stream once, in one order, and writes each batch of events
 * to all read models in one transaction with its position; three processors read, fetched and decoded every event
 * three times, which is what bounded a rebuild.
 */
public final class ReadModels {

    public static final String PROCESSING_GROUP = "read-models";

    private ReadModels() {}
}
