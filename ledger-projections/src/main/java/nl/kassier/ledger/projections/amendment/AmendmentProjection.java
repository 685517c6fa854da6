package nl.kassier.ledger.projections.amendment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import nl.kassier.ledger.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code amendment_view}: every published version of the regeling, in recorded order. */
@Component
@ProcessingGroup(AmendmentProjection.PROCESSING_GROUP)
public class AmendmentProjection {

    public static final String PROCESSING_GROUP = ReadModels.PROCESSING_GROUP;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    public AmendmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            AmendmentPublished event,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt,
            TrackingToken token)
            throws JsonProcessingException {
        long position = token.position().orElseThrow();
        // A replay delivers the same event again: recording it once is enough.
        jdbc.update(
                "INSERT INTO amendment_view (amendment_id, event_position, recorded_at, effective_from, actor, document)"
                        + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (amendment_id) DO NOTHING",
                event.amendment().id(),
                position,
                Timestamp.from(recordedAt),
                event.amendment().effectiveFrom(),
                event.actor(),
                json.writeValueAsString(event.amendment()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM amendment_view");
    }
}
