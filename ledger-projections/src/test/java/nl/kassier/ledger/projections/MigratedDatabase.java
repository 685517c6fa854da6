package nl.kassier.ledger.projections;

import java.nio.file.Path;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A real embedded PostgreSQL with the service's schema, migrated by Flyway, for the read models' tests. */
public final class MigratedDatabase implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;

    private MigratedDatabase(EmbeddedDatabase database) {
        this.database = database;
        this.dataSource = new SingleConnectionDataSource(database.jdbcUrl(), EmbeddedDatabase.USER, "", true);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static MigratedDatabase start(Path dataDirectory) {
        return new MigratedDatabase(EmbeddedDatabase.start(dataDirectory));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.destroy();
        database.close();
    }
}
