package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory has one owner. A second instance started on a directory a running instance uses fails at once,
 * naming the process that holds it, and the running instance and its PostgreSQL go on serving untouched: the second
 * start must not take the running instance's PostgreSQL for one a crash left behind.
 */
class DataDirectoryOwnerTest {

    @TempDir
    Path dir;

    @Test
    void aSecondStartOnADirectoryInUseFailsAtOnceAndLeavesTheFirstServing() {
        Path data = dir.resolve("data");
        try (ServiceProcess first = ServiceProcess.start(
                Path.of("target", "reliability", "owner-first.log"), "test", List.of(), "ledger.data-dir=" + data)) {
            Api api = first.api();
            assertThat(first.logText()).contains("ready on http://localhost:" + first.port());
            Response allocated = api.post("szw", "/api/v1/amendments", ReservationLoad.allocations("owner", "1000.00"));
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
            Instant started = Instant.now();

            Throwable second = catchThrowable(() -> ServiceProcess.start(
                            Path.of("target", "reliability", "owner-second.log"),
                            "test",
                            List.of(),
                            "ledger.data-dir=" + data)
                    .close());

            assertThat(second)
                    .as("the second start")
                    .isNotNull()
                    .hasMessageContaining("is in use by process " + first.pid());
            assertThat(second.getMessage())
                    .as("the last line names the root cause")
                    .containsPattern("kassier-ledger did not start: data directory [^\\n]* is in use by process "
                            + first.pid() + "[^\\n]*\\s*$");
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
            assertThat(first.isAlive()).isTrue();
            assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
            Response reserved = api.post(
                    "coord-rijnmond", "/api/v1/regions/rijnmond/reservations", ReservationLoad.body("owner-1"));
            assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
            assertThat(api.get("auditor", "/api/v1/audit/verify")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }
    }
}
