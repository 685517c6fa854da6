package nl.kassier.ledger.infra.eventstore;

import java.util.List;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The positions the event processors have stored in Axon's token table. A processor stores its position in the same
 * transaction as its read model, so a position read here is one its read model holds.
 */
public final class TokenTable {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public TokenTable(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * A segment of a processor and how far it has read (during a replay, how far the replay has got); the token is
     * {@code null} before it has read anything.
     */
    public record SegmentPosition(int segment, TrackingToken token) {}

    /** Every segment {@code processor} has stored, in no particular order. */
    public List<SegmentPosition> segments(String processor) {
        return jdbc.query(
                "SELECT segment, token, token_type FROM " + EventTables.TOKENS + " WHERE processor_name = ?",
                (rs, row) -> {
                    byte[] data = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken token = data == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                    return new SegmentPosition(
                            rs.getInt("segment"),
                            token instanceof ReplayToken replay ? replay.getCurrentToken() : token);
                },
                processor);
    }
}
