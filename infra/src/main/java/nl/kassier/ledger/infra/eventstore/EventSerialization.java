package nl.kassier.ledger.infra.eventstore;

import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one form of events as JSON: the serializer the event store writes and reads them with, for the service and for
 * the tools that read an export without it. Earlier forms are read through {@link EventUpcasters}.
 */
public final class EventSerialization {

    private EventSerialization() {}

    public static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(LedgerObjectMappers.forStorage())
                .build();
    }
}
