package nl.kassier.ledger.infra.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping of what the ledger stores: events, snapshots and processor tokens. */
public final class LedgerObjectMappers {

    private LedgerObjectMappers() {}

    /**
     * The mapper for stored messages. Dates are ISO strings, amounts decimal strings; fields are read directly so that
     * aggregate snapshots need no getters. Unknown properties are tolerated on read so that an older service can
     * replay events written by a newer revision; upcasters handle the rest.
     */
    public static ObjectMapper forStorage() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(LedgerJsonModule.forStorage())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .build();
    }
}
