package nl.kassier.ledger.infra.eventstore;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** The names of the event store's tables and columns, as the Flyway migration {@code V1__event_store} creates them. */
public final class EventTables {

    public static final String EVENTS = "domain_event_entry";
    public static final String SNAPSHOTS = "snapshot_event_entry";
    public static final String TOKENS = "token_entry";

    private EventTables() {}

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENTS)
                .snapshotTable(SNAPSHOTS)
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(TOKENS)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
