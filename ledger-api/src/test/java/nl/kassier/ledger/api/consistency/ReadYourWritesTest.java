package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A 2xx answer is given only once the read models show the command. A budget's events are applied in the transaction
 * that appends them: with the read models' processor stopped, a reservation is answered at once, and it and its budget
 * show it. An amendment's read model is the processor's alone: it is recorded but not answered until the processor
 * runs again.
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=read-your-writes")
class ReadYourWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void answersACommandOnlyOnceTheReadModelsShowIt() throws Exception {
        Api api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", amendment("read-your-writes"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        StreamingEventProcessor readModels = processing
                .eventProcessor("read-models", StreamingEventProcessor.class)
                .orElseThrow();

        readModels.shutDown();
        Response reserved = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"1250.00",
                 "candidate":{"ref":"ryw-1","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """);
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        String id = reserved.json().get("id").asText();
        Response shown = api.get("auditor", "/api/v1/reservations/" + id);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().get("status").asText()).isEqualTo("RESERVED");
        assertThat(shown.json().get("reserved").asText()).isEqualTo("1250.00");
        Response budget = api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022");
        assertThat(budget.body()).contains("\"reserved\":\"1250.00\"");

        CompletableFuture<Response> published =
                CompletableFuture.supplyAsync(() -> api.post("szw", "/api/v1/amendments", amendment("later")));
        Thread.sleep(1_500);
        assertThat(published)
                .as("an amendment answered while the read models were stopped")
                .isNotDone();

        readModels.start();
        Response answered = published.get(15, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        assertThat(api.get("auditor", "/api/v1/amendments").body()).contains("\"later\"");
        assertThat(api.get("auditor", "/api/v1/reservations/" + id)
                        .json()
                        .get("status")
                        .asText())
                .as("applied once, by the append: the processor skipped it")
                .isEqualTo("RESERVED");
        assertThat(api.get("auditor", "/api/v1/regions/rijnmond/budgets/2022").body())
                .contains("\"reserved\":\"1250.00\"");
    }

    private static String amendment(String id) {
        return """
                {"id":"%s","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                 "amount":"4000.00"}]}
                """.formatted(id);
    }
}
