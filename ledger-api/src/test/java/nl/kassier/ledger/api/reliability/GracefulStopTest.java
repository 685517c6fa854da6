package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.ServiceProcess;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import nl.kassier.ledger.infra.eventstore.EventTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An operator's stop (SIGTERM) of a node on the embedded default: the node finishes its work, its event processors
 * release their claims so that another node (or the next start) takes over at once, and only then is its PostgreSQL
 * stopped. Before, the database's own shutdown hook stopped it first: the processors failed on broken connections,
 * kept their claims, and the stop took Axon's 5 s shutdown timeout.
 */
class GracefulStopTest {

    @TempDir
    Path dir;

    @Test
    void releasesEveryClaimBeforeItStopsItsEmbeddedDatabase() {
        Path data = dir.resolve("data");
        ServiceProcess node = ServiceProcess.start(
                Path.of("target", "reliability", "graceful-stop.log"), "test", List.of(), "ledger.data-dir=" + data);
        Response allocated =
                node.api().post("szw", "/api/v1/amendments", ReservationLoad.allocations("stop", "1000.00"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        Response reserved = node.api()
                .post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", ReservationLoad.body("stop-1"));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);

        node.close();

        String log = node.logText();
        assertThat(log)
                .as("the node's log")
                .doesNotContain("Error occurred", "Broken pipe", "Timed out during shutdown phase", "Exception");
        assertThat(data.resolve("postgres").resolve("postmaster.pid"))
                .as("PostgreSQL stopped cleanly")
                .doesNotExist();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(
                    database.jdbcUrl(), EmbeddedDatabase.USER, database.password(), true));
            List<String> claimed = jdbc.queryForList(
                    "SELECT processor_name || '/' || segment || ' by ' || owner FROM " + EventTables.TOKENS
                            + " WHERE owner IS NOT NULL",
                    String.class);
            assertThat(claimed).as("claims left behind").isEmpty();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM reservation_view WHERE reservation_id = ?",
                            Long.class,
                            reserved.json().get("id").asText()))
                    .isEqualTo(1);
        }
    }
}
