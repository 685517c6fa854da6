package nl.kassier.ledger.infra.eventstore;

import java.sql.Statement;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PostgreSQL advisory lock held on one connection while some work runs, so that of all nodes on a database only
 * one does that work at a time. The work uses connections of its own; the lock's connection only holds the lock.
 */
public final class AdvisoryLock {

    /** The lock under which the regeling's history and the demo data are recorded. */
    public static final long SEED = 0x4B41_5353_4945_5201L;

    private final JdbcTemplate jdbc;
    private final long key;

    public AdvisoryLock(JdbcTemplate jdbc, long key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    /** Runs {@code work} holding the lock, waiting for it as long as another node holds it. */
    public <T> T holding(Supplier<T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
            }
            try {
                return work.get();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                }
            }
        });
    }
}
