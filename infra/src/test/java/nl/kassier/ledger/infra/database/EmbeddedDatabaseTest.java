package nl.kassier.ledger.infra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL admits only connections that give its generated password, keeps that password with the data
 * directory for the next start, and belongs to one owner at a time.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void admitsOnlyConnectionsThatGiveItsPasswordAlsoAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        String password;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            password = database.password();
            assertRefusedWithout(database);
            assertAdmittedWith(database);
        }
        assertThat(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).exists();
        assertThat(Files.getPosixFilePermissions(data.resolve(EmbeddedDatabase.PASSWORD_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(data.resolve(EmbeddedDatabase.POSTGRES_DIRECTORY).resolve("PG_VERSION"))
                .exists();

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertThat(again.password()).isEqualTo(password);
            assertRefusedWithout(again);
            assertAdmittedWith(again);
        }
    }

    @Test
    void theServiceSignsInAsARoleThatCannotReadTheServersFiles() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("role"));
                Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT pg_read_file('postgresql.conf')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            // It owns its database: it creates tables, as the migrations do.
            statement.execute("CREATE TABLE probe (id int)");
            statement.execute("ALTER TABLE probe OWNER TO " + EmbeddedDatabase.USER);
        }
    }

    @Test
    void hasOneOwnerAtATime() throws SQLException {
        Path data = dir.resolve("owned");
        try (EmbeddedDatabase owner = EmbeddedDatabase.start(data)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "is in use by process " + ProcessHandle.current().pid());
            assertAdmittedWith(owner);
        }
        // Released with the owner: the next start takes it.
        try (EmbeddedDatabase next = EmbeddedDatabase.start(data)) {
            assertAdmittedWith(next);
        }
    }

    private static void assertRefusedWithout(EmbeddedDatabase database) {
        String url = "jdbc:postgresql://localhost:" + database.port() + "/" + EmbeddedDatabase.DATABASE;
        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedDatabase.USER, "")
                        .close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedDatabase.USER, "wrong")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static void assertAdmittedWith(EmbeddedDatabase database) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + database.port() + "/" + EmbeddedDatabase.DATABASE;
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, database.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
        try (Connection viaUrl = DriverManager.getConnection(database.jdbcUrl(), null, database.password())) {
            assertThat(viaUrl.isValid(2)).isTrue();
        }
    }

    @Test
    void usesAClusterAtTheTopOfAnOlderDataDirectoryWhereItIs() throws Exception {
        Path older = dir.resolve("older");
        // An older layout: the cluster itself was the data directory.
        try (EmbeddedDatabase first = EmbeddedDatabase.start(older)) {
            assertAdmittedWith(first);
        }
        Path cluster = older.resolve(EmbeddedDatabase.POSTGRES_DIRECTORY);
        Path flat = dir.resolve("flat");
        Files.move(cluster, flat);
        Files.copy(older.resolve(EmbeddedDatabase.PASSWORD_FILE), flat.resolve(EmbeddedDatabase.PASSWORD_FILE));
        Files.copy(
                older.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE),
                flat.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE));
        try (EmbeddedDatabase reopened = EmbeddedDatabase.start(flat)) {
            assertThat(reopened.postgresDirectory()).isEqualTo(flat);
            assertAdmittedWith(reopened);
        }
        assertThat(Set.of(flat.toFile().list())).contains("PG_VERSION", DataDirectoryLock.FILE_NAME);
    }
}
