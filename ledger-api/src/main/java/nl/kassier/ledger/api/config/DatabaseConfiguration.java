package nl.kassier.ledger.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The connection to PostgreSQL: the external server named by {@code LEDGER_DB_URL}, or else a real PostgreSQL
 * started in-process with its data in {@code LEDGER_DATA_DIR}. Flyway creates every table on it at start.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /**
     * Connections per node: enough for the web threads, the event processors and the audit reads. A command holds its
     * connection while it waits for its budget's lock, so a pool of two cores' worth (10) starved a hot budget: its
     * requests waited out the connection timeout and were answered 503 (docs/benchmarks.md).
     */
    private static final int POOL_SIZE_MAX = 24;

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(LedgerProperties properties, Environment environment) {
        if (properties.db().external()) {
            return new EmbeddedDatabaseHolder(null);
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException(
                    "the production profile runs on an external PostgreSQL: set LEDGER_DB_URL, LEDGER_DB_USER and"
                            + " LEDGER_DB_PASSWORD");
        }
        // Stopped when the context closes, after the data source and everything that writes through it.
        return new EmbeddedDatabaseHolder(EmbeddedDatabase.startStoppedByOwner(properties.dataDir()));
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(LedgerProperties properties, ObjectProvider<EmbeddedDatabaseHolder> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setMaximumPoolSize(POOL_SIZE_MAX);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // Start even when the database is briefly away; requests then get 503 until it returns.
        config.setInitializationFailTimeout(-1);
        // JDBC batches of inserts go to PostgreSQL as multi-row inserts: what the read models write per batch.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (properties.db().external()) {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
        } else {
            EmbeddedDatabase database = embedded.getObject().database();
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(EmbeddedDatabase.USER);
            config.setPassword(database.password());
        }
        return new HikariDataSource(config);
    }

    /** Holds the embedded server, if one was started, so that it stops after the pool is closed. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
