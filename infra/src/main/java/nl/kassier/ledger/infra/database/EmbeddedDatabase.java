package nl.kassier.ledger.infra.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process from the binaries on the classpath, keeping its data in a directory so
 * that a restart finds everything again. The service's default when no external server is configured, and the
 * database of every test.
 *
 * <p>The data directory has one owner ({@link DataDirectoryLock}), taken before anything in it is touched. PostgreSQL
 * keeps its files in {@value #POSTGRES_DIRECTORY} inside it (a directory that already holds a cluster at its top, as
 * earlier versions laid it out, is used where it is). Every connection, local or over loopback, must give a password
 * (SCRAM): the cluster that {@code initdb} creates trusts every local connection, which let anyone on the machine
 * rewrite the ledger's tables. The service signs in as {@value #USER}, which owns the {@value #DATABASE} database and
 * its tables but is no superuser, so it can read no file of the server's (the chain's checkpoint key among them); the
 * superuser {@value #SUPERUSER} is used only here, at start. Both passwords are generated on the first start and kept
 * in {@value #PASSWORD_FILE} and {@value #SUPERUSER_PASSWORD_FILE} next to the cluster, readable by their owner only.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "ledger";
    /** The role the service signs in as: owner of the ledger's database, not a superuser. */
    public static final String USER = "kassier";

    static final String SUPERUSER = "postgres";
    static final String POSTGRES_DIRECTORY = "postgres";
    static final String PASSWORD_FILE = "database-password";
    static final String SUPERUSER_PASSWORD_FILE = "superuser-password";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SERVER_STOP_WAIT = Duration.ofSeconds(30);
    private static final int PASSWORD_BYTES = 24;
    private static final String SCRAM_ONLY = """
            # Written by the kassier ledger at every start: every connection, over the local socket or loopback,
            # proves its role's password (SCRAM). Nothing else is accepted.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;
    private final Path postgresDirectory;
    private final String password;

    private EmbeddedDatabase(
            EmbeddedPostgres postgres, DataDirectoryLock lock, Path postgresDirectory, String password) {
        this.postgres = postgres;
        this.lock = lock;
        this.postgresDirectory = postgresDirectory;
        this.password = password;
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
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the data directory " + dataDirectory, e);
        }
        DataDirectoryLock lock = DataDirectoryLock.take(dataDirectory);
        try {
            Path cluster = clusterDirectory(dataDirectory);
            Files.createDirectories(cluster);
            stopServerLeftBehind(cluster);
            // A cluster that initdb is about to create has no passwords yet, whatever files an earlier one left.
            boolean fresh = !Files.exists(cluster.resolve("postgresql.conf"));
            Path superuserFile = dataDirectory.resolve(SUPERUSER_PASSWORD_FILE);
            Optional<String> superuserPassword = fresh ? Optional.empty() : readPassword(superuserFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != 0) {
                builder.setPort(port);
            }
            superuserPassword.ifPresent(secret -> builder.setConnectConfig("password", secret)
                    // Before the server starts: only a cluster whose passwords are set is closed to everyone else.
                    .setDataDirectoryCustomizer(directory -> writeScramOnly(directory.toPath())));
            EmbeddedPostgres postgres = builder.setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // The library starts PostgreSQL with synchronous_commit off: an acknowledged command could then be
                    // lost in a crash. A ledger answers 2xx only for what is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(stopAtExit)
                    .start();
            String superuser = superuserPassword.orElseGet(() -> closeToEveryoneElse(postgres, cluster, superuserFile));
            String password = prepareLedger(postgres, superuser, dataDirectory.resolve(PASSWORD_FILE), fresh);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, lock, cluster, password);
            LOG.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), cluster);
            return database;
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Where PostgreSQL keeps its files: at the top of a directory that holds a cluster there already, else inside. */
    private static Path clusterDirectory(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("PG_VERSION"))
                ? dataDirectory
                : dataDirectory.resolve(POSTGRES_DIRECTORY);
    }

    private static Optional<String> readPassword(Path file) throws IOException {
        return Files.exists(file)
                ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
                : Optional.empty();
    }

    /**
     * The first start of a cluster (or the first of this version on an older one): sets the superuser's generated
     * password, keeps it readable by its owner only, and from then on admits only connections that prove a password.
     */
    private static String closeToEveryoneElse(EmbeddedPostgres postgres, Path cluster, Path passwordFile) {
        String password = generatedPassword();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            writeOwnerOnly(passwordFile, password);
            writeScramOnly(cluster);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password", e);
        }
        LOG.info("embedded PostgreSQL now admits only connections with a password");
        return password;
    }

    /**
     * The service's role and database: {@value #USER}, with a password of its own, owning {@value #DATABASE} and
     * everything in it. A database an earlier version created as the superuser's is handed over to the role.
     */
    private static String prepareLedger(EmbeddedPostgres postgres, String superuser, Path passwordFile, boolean fresh)
            throws IOException {
        Optional<String> known = fresh ? Optional.empty() : readPassword(passwordFile);
        try (Connection connection = postgres.getDatabase(SUPERUSER, "postgres", Map.of("password", superuser))
                        .getConnection();
                Statement statement = connection.createStatement()) {
            String password;
            boolean roleExists = exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'");
            if (roleExists && known.isPresent()) {
                password = known.get();
            } else {
                password = generatedPassword();
                statement.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + USER
                        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
                writeOwnerOnly(passwordFile, password);
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            } else if (!exists(
                    statement,
                    "SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = '" + DATABASE
                            + "' AND r.rolname = '" + USER + "'")) {
                statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + USER);
                handOverTables(postgres, superuser);
            }
            return password;
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the " + DATABASE + " database", e);
        }
    }

    /**
     * Makes {@value #USER} the owner of every table, sequence and function an earlier version created (the role's name
     * is spelled out in the statement, which is PostgreSQL's own {@code format}).
     */
    private static void handOverTables(EmbeddedPostgres postgres, String superuser) throws SQLException {
        try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE, Map.of("password", superuser))
                        .getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$
                    DECLARE
                        object record;
                    BEGIN
                        FOR object IN SELECT c.relname, c.relkind FROM pg_class c
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'p') LOOP
                            EXECUTE format('ALTER %s public.%I OWNER TO %I',
                                CASE object.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
                                object.relname, 'kassier');
                        END LOOP;
                        FOR object IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                                JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP
                            EXECUTE format('ALTER FUNCTION %s OWNER TO %I', object.signature, 'kassier');
                        END LOOP;
                    END;
                    $$""");
        }
        LOG.info("the {} database and its tables now belong to {}", DATABASE, USER);
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            return rs.next();
        }
    }

    private static String generatedPassword() {
        byte[] random = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Path written =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
            restrictToOwner(written);
            Files.writeString(written, content + "\n", StandardCharsets.US_ASCII);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions keeps the directory's own.
        }
    }

    private static void writeScramOnly(Path cluster) {
        try {
            Files.writeString(cluster.resolve("pg_hba.conf"), SCRAM_ONLY, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the embedded PostgreSQL's pg_hba.conf", e);
        }
    }

    /** The address of the {@value #DATABASE} database, naming the user {@value #USER} (the password goes apart). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The password {@value #USER} signs in with. */
    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Where PostgreSQL keeps its files (its {@code postmaster.pid} among them). */
    public Path postgresDirectory() {
        return postgresDirectory;
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL child running on the data directory, which would keep the
     * next start from using it. Such a leftover server, recognised by the process id in {@code postmaster.pid}, is
     * asked to stop first. Only the data directory's owner gets here ({@link DataDirectoryLock}), so the server it
     * stops is never a running instance's.
     */
    private static void stopServerLeftBehind(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
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
        LOG.warn("stopping PostgreSQL process {} left behind on {}", pid, cluster);
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
        } finally {
            lock.close();
        }
    }
}
