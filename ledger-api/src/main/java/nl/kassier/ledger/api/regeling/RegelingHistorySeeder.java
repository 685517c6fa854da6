package nl.kassier.ledger.api.regeling;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.core.regeling.PublishAmendment;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.infra.eventstore.AdvisoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the regeling's real history (domain.md; seed 004, Bijlage 2) on the first start against an empty store,
 * through the same command as {@code POST /amendments}. Exactly once: a version already recorded is refused as a
 * duplicate by the {@link Regeling} aggregate, and instances starting together on one database take turns under a
 * PostgreSQL advisory lock. The service reports ready only after this has run.
 */
@Component
@Order(0)
public class RegelingHistorySeeder implements ApplicationRunner {

    public static final String HISTORY_RESOURCE = "/regeling/regeling-history.json";
    public static final String ACTOR = "system:regeling-history";

    private static final Logger LOG = LoggerFactory.getLogger(RegelingHistorySeeder.class);

    private final Commands commands;
    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public RegelingHistorySeeder(Commands commands, JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<AmendmentRequest> versions = read(HISTORY_RESOURCE);
        int recorded = new AdvisoryLock(jdbc, AdvisoryLock.SEED).holding(() -> publishMissing(versions, ACTOR));
        LOG.info("regeling history: {} of {} versions recorded now", recorded, versions.size());
    }

    /** Publishes each version not yet recorded; returns how many were recorded now. */
    public int publishMissing(List<AmendmentRequest> versions, String actor) {
        int recorded = 0;
        for (AmendmentRequest version : versions) {
            try {
                commands.sendAndSettle(PublishAmendment.of(version.toAmendment(), actor), Regeling.ID);
                recorded++;
            } catch (LedgerRejection rejection) {
                if (rejection.code() != LedgerErrorCode.DUPLICATE) {
                    throw rejection;
                }
            }
        }
        return recorded;
    }

    public List<AmendmentRequest> read(String resource) {
        try (InputStream in = RegelingHistorySeeder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return objectMapper.readValue(in, new TypeReference<List<AmendmentRequest>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
