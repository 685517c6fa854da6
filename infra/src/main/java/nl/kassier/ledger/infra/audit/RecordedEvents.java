package nl.kassier.ledger.infra.audit;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import nl.kassier.ledger.infra.eventstore.EventSerialization;
import nl.kassier.ledger.infra.eventstore.EventUpcasters;
import nl.kassier.ledger.infra.privacy.OfflineCandidateNames;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Stored events read as the aggregates read them, through the event store's serializer and upcasters: the lines of
 * an export, so that a replay on the auditor's own machine gives the events the service replays.
 */
public final class RecordedEvents {

    private static final Serializer SERIALIZER = EventSerialization.serializer();
    private static final EventUpcaster UPCASTERS = EventUpcasters.chain(OfflineCandidateNames.INSTANCE);

    private RecordedEvents() {}

    /** The messages of {@code events}, in their order, in today's form. */
    public static List<DomainEventMessage<?>> messages(List<ChainedEvent> events) {
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(
                        events.stream().map(RecordedEvents::entry), SERIALIZER, UPCASTERS))
                .collect(Collectors.toList());
    }

    private static DomainEventData<byte[]> entry(ChainedEvent event) {
        return new Entry(event);
    }

    /** A stored event as Axon's deserialisation reads one. */
    private record Entry(ChainedEvent event) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return event.type();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.aggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return event.sequenceNumber();
        }

        @Override
        public String getEventIdentifier() {
            return event.eventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return DateTimeUtils.parseInstant(event.timestamp());
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(event.metaData(), byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(
                    event.payload(), byte[].class, event.payloadType(), event.payloadRevision());
        }
    }
}
