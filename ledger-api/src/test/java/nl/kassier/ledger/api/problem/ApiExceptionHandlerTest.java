package nl.kassier.ledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new SimpleMeterRegistry());
    private final MockHttpServletRequest request =
            new MockHttpServletRequest("POST", "/api/v1/regions/rijnmond/reservations");

    @Test
    void aCommandThatLostEveryRaceForItsBudgetIsUnavailableNotAnInternalError() {
        ConcurrencyException lost =
                new ConcurrencyException("an event for aggregate [x] at sequence [7] was already" + " inserted");
        for (Exception failure : new Exception[] {lost, new CommandExecutionException("failed", lost)}) {
            ResponseEntity<ProblemDetail> answer = handler.unexpected(failure, request);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            ProblemDetail problem = answer.getBody();
            assertThat(problem.getProperties()).containsEntry("code", "UNAVAILABLE");
            assertThat(problem.getDetail()).contains("nothing was recorded").doesNotContain("aggregate", "sequence");
        }
    }

    @Test
    void anythingElseUnexpectedIsAnInternalErrorThatSaysNothingOfItsCause() {
        ResponseEntity<ProblemDetail> answer =
                handler.unexpected(new IllegalStateException("secret internals"), request);
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(answer.getBody().getDetail()).doesNotContain("secret");
    }
}
