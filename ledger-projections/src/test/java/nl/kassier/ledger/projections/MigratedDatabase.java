package nl.kassier.ledger.projections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A real embedded PostgreSQL with the service's schema, migrated by Flyway, for a test class of the read models:
 * started when the class registers it ({@code @RegisterExtension static final MigratedDatabase database = new
 * MigratedDatabase();}), stopped and its data removed after the class's last test.
 */
public final class MigratedDatabase implements AfterAllCallback {

    private final Path dataDirectory;
    private final EmbeddedDatabase database;
    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;

    public MigratedDatabase() {
        try {
            dataDirectory = Files.createTempDirectory("projections-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = EmbeddedDatabase.start(dataDirectory);
        dataSource =
                new SingleConnectionDataSource(database.jdbcUrl(), EmbeddedDatabase.USER, database.password(), true);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        dataSource.destroy();
        database.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
