package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import nl.kassier.ledger.api.LedgerApplication;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one database, with the read models' tracking processor stopped on both: a 2xx on one node means the
 * other node's GET shows it, for every step of a reservation, because a budget's events are applied to its read models
 * in the transaction that appends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesAcrossNodesTest {

    @TempDir
    static Path dir;

    EmbeddedDatabase database;
    ConfigurableApplicationContext first;
    ConfigurableApplicationContext second;

    @BeforeAll
    void start() {
        database = EmbeddedDatabase.start(dir.resolve("pg"));
        first = node("first");
        second = node("second");
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        database.close();
    }

    @Test
    void aStepAnsweredOnOneNodeShowsOnTheOtherWithTheProcessorStopped() {
        Api a = api(first);
        Api b = api(second);
        Response allocated = a.post("szw", "/api/v1/amendments", """
                {"id":"across-nodes","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                 "amount":"4000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {first, second}) {
            node.getBean(EventProcessingConfiguration.class)
                    .eventProcessor("read-models", StreamingEventProcessor.class)
                    .orElseThrow()
                    .shutDown();
        }

        Response reserved = a.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"1250.00",
                 "candidate":{"ref":"across-1","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """);
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        String id = reserved.json().get("id").asText();
        assertThat(b.get("auditor", "/api/v1/reservations/" + id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("RESERVED");
        assertThat(b.get("auditor", "/api/v1/regions/rijnmond/budgets/2022").body())
                .contains("\"reserved\":\"1250.00\"");

        Response committed = b.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + id + "/commit",
                "{\"amount\":\"1000.00\",\"reference\":\"BESCHIKKING-1\",\"date\":\"2022-07-15\"}");
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        Response shown = a.get("auditor", "/api/v1/reservations/" + id);
        assertThat(shown.json().get("status").asText()).as(shown.body()).isEqualTo("COMMITTED");
        assertThat(a.get("auditor", "/api/v1/regions/rijnmond/budgets/2022").body())
                .contains("\"committed\":\"1000.00\"");

        Response paid = a.post(
                "kassier",
                "/api/v1/reservations/" + id + "/payments",
                "{\"paymentId\":\"PAY-ACROSS-1\",\"amount\":\"400.00\",\"date\":\"2022-08-01\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(b.get("kassier", "/api/v1/payments?from=2022-08-01&to=2022-08-01")
                        .body())
                .contains("PAY-ACROSS-1");
        assertThat(b.get("auditor", "/api/v1/regions/rijnmond/budgets/2022").body())
                .contains("\"paid\":\"400.00\"");
    }

    private ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--ledger.data-dir=" + dir.resolve(name),
                        "--ledger.db.url=" + database.jdbcUrl(),
                        "--ledger.db.user=" + EmbeddedDatabase.USER,
                        "--ledger.db.password=" + database.password());
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }
}
