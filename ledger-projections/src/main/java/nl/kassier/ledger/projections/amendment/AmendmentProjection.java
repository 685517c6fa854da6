package nl.kassier.ledger.projections.amendment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * Records the amendment with the instant the ledger recorded it: the event row's {@code recorded_at}, the clock of
     * the hash chain and of every other as-of answer, not the timestamp the appending node's JVM put in the event.
     */
    @EventHandler
    void on(AmendmentPublished event, TrackingToken token) throws JsonProcessingException {
        long position = token.position().orElseThrow();
        // A replay delivers the same event again: recording it once is enough.
        jdbc.update(
                "INSERT INTO amendment_view (amendment_id, event_position, recorded_at, effective_from, actor, document)"
                        + " SELECT ?, ?, e.recorded_at, ?, ?, CAST(? AS jsonb) FROM domain_event_entry e"
                        + " WHERE e.global_index = ? ON CONFLICT (amendment_id) DO NOTHING",
                event.amendment().id(),
                position,
                event.amendment().effectiveFrom(),
                event.actor(),
                json.writeValueAsString(event.amendment()),
                position);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM amendment_view");
    }
}
