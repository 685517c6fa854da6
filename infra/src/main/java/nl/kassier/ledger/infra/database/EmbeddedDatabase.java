package nl.kassier.ledger.infra.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process from the binaries on the classpath, keeping its data in a directory so
 * that a restart finds everything again. The service's default when no external server is configured, and the
 * database of every test.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "ledger";
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SERVER_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a free local port with its data in {@code dataDirectory}, creating the cluster on the first
     * start and the {@value #DATABASE} database if it is missing.
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * As {@link #start(Path)}, on {@code port} (0: a free one), so that a server stopped and started again is found at
     * the same address.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    /**
     * As {@link #start(Path)}, for an owner that stops the server itself, after everything that uses it (the service's
     * Spring context). The library's own shutdown hook is left out: at the JVM's exit it ran beside the context's and
     * stopped the server while the event processors were still writing to it, so that they failed, Axon waited out
     * its 5 s shutdown phase, and the processors could not release their claims.
     */
    public static EmbeddedDatabase startStoppedByOwner(Path dataDirectory) {
        return start(dataDirectory, 0, false);
    }

    private static EmbeddedDatabase start(Path dataDirectory, int port, boolean stopAtExit) {
        try {
            Files.createDirectories(dataDirectory);
            stopServerLeftBehind(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // The library starts PostgreSQL with synchronous_commit off: an acknowledged command could then be
                    // lost in a crash. A ledger answers 2xx only for what is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(stopAtExit)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            database.createDatabaseIfMissing();
            LOG.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database", e);
        }
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL child running on the data directory, which would keep the
     * next start from using it. Such a leftover server, recognised by the process id in {@code postmaster.pid}, is
     * asked to stop first.
     */
    private static void stopServerLeftBehind(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        LOG.warn("stopping PostgreSQL process {} left behind on {}", pid, dataDirectory);
        ProcessHandle process = leftover.get();
        process.destroy();
        try {
            process.onExit().get(STALE_SERVER_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
