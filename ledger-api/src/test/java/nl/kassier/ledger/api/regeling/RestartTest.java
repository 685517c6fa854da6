package nl.kassier.ledger.api.regeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.ServiceInstance;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator relies on: a restart finds everything again, and reference data is never recorded twice. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void findsEverythingAgainAfterARestartAndRecordsTheHistoryOnce() {
        long eventsBefore;
        try (ServiceInstance first =
                ServiceInstance.start("test", "ledger.data-dir=" + dataDir, "ledger.snapshot-events=200")) {
            Response created = first.api().post("szw", "/api/v1/amendments", """
                    {"id":"voor-de-herstart","title":"Vastgelegd voor de herstart","effectiveFrom":"2022-01-01"}
                    """);
            assertThat(created.status()).isEqualTo(201);
            eventsBefore = first.events().count();
            assertThat(first.events().countOfType("AmendmentPublished")).isEqualTo(10);
        }

        try (ServiceInstance second =
                ServiceInstance.start("test", "ledger.data-dir=" + dataDir, "ledger.snapshot-events=200")) {
            assertThat(second.events().count()).isEqualTo(eventsBefore);
            assertThat(second.events().countOfType("AmendmentPublished")).isEqualTo(10);
            Response found = second.api().get("auditor", "/api/v1/amendments/voor-de-herstart");
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().get("recordedBy").asText()).isEqualTo("szw");
            assertThat(second.api().get("szw", "/api/v1/amendments").json()).hasSize(10);
        }
    }

    @Test
    void snapshotsABusyBudgetAndLoadsItFromTheSnapshotAfterARestart() {
        String reservation = """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"1.00",
                 "candidate":{"ref":"snap-%d","jobLossDate":"2021-01-15"},"date":"2022-07-01"}""";
        try (ServiceInstance first =
                ServiceInstance.start("test", "ledger.data-dir=" + dataDir, "ledger.snapshot-events=200")) {
            assertThat(first.api().post("szw", "/api/v1/amendments", """
                                    {"id":"snapshot-allocatie","title":"Illustratief (test)","effectiveFrom":"2022-01-01",
                                     "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                       "amount":"250.00"}]}""").status())
                    .isEqualTo(201);
            for (int i = 0; i < 240; i++) {
                assertThat(first.api()
                                .post(
                                        "coord-rijnmond",
                                        "/api/v1/regions/rijnmond/reservations",
                                        reservation.formatted(i))
                                .status())
                        .isEqualTo(201);
            }
            assertThat(first.snapshots("rijnmond_2022"))
                    .as("a snapshot of the busy budget")
                    .isPositive();
        }

        try (ServiceInstance second =
                ServiceInstance.start("test", "ledger.data-dir=" + dataDir, "ledger.snapshot-events=200")) {
            // Loaded from its snapshot and the events after it: 10.00 is left, not a cent more.
            Response tooMuch = second.api()
                    .post(
                            "coord-rijnmond",
                            "/api/v1/regions/rijnmond/reservations",
                            reservation.formatted(998).replace("\"1.00\"", "\"10.01\""));
            Response exactly = second.api()
                    .post(
                            "coord-rijnmond",
                            "/api/v1/regions/rijnmond/reservations",
                            reservation.formatted(999).replace("\"1.00\"", "\"10.00\""));
            assertThat(tooMuch.code()).isEqualTo("CAP_EXCEEDED");
            assertThat(exactly.status()).isEqualTo(201);
        }
    }

    @Test
    void twoInstancesStartingTogetherOnOneDatabaseRecordTheHistoryOnce() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            String[] properties = {
                "ledger.db.url=" + database.jdbcUrl(),
                "ledger.db.user=" + EmbeddedDatabase.USER,
                "ledger.db.password=" + database.password()
            };
            // Two threads of their own: on two cores the common pool would start them one after the other.
            ExecutorService starters = Executors.newFixedThreadPool(2);
            CompletableFuture<ServiceInstance> one =
                    CompletableFuture.supplyAsync(() -> ServiceInstance.start("test", properties), starters);
            CompletableFuture<ServiceInstance> two =
                    CompletableFuture.supplyAsync(() -> ServiceInstance.start("test", properties), starters);
            starters.shutdown();
            try (ServiceInstance a = one.get();
                    ServiceInstance b = two.get()) {
                assertThat(a.events().countOfType("AmendmentPublished")).isEqualTo(9);
                assertThat(a.api().get("auditor", "/api/v1/amendments").json()).hasSize(9);
                assertThat(b.api().get("auditor", "/api/v1/amendments").json()).hasSize(9);
            }
        }
    }
}
