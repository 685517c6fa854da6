package nl.kassier.ledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.List;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;

/** One error policy: what a failure is decides its answer, and Spring's own refusals carry what they must. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new SimpleMeterRegistry());
    private final MockHttpServletRequest request =
            new MockHttpServletRequest("POST", "/api/v1/regions/rijnmond/reservations");

    private static ProblemDetail body(ResponseEntity<Object> answer) {
        return (ProblemDetail) answer.getBody();
    }

    @Test
    void aCommandThatLostEveryRaceForItsBudgetIsUnavailableNotAnInternalError() {
        ConcurrencyException lost =
                new ConcurrencyException("an event for aggregate [x] at sequence [7] was already" + " inserted");
        for (Exception failure : new Exception[] {lost, new CommandExecutionException("failed", lost)}) {
            ResponseEntity<Object> answer = handler.failed(failure, request);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            ProblemDetail problem = body(answer);
            assertThat(problem.getProperties()).containsEntry("code", "UNAVAILABLE");
            assertThat(problem.getDetail()).contains("nothing was recorded").doesNotContain("aggregate", "sequence");
        }
    }

    @Test
    void aRefusalWrappedByAxonIsTheRefusalAndTheDatabaseAwayIsUnavailable() {
        LedgerRejection refused = new LedgerRejection(LedgerErrorCode.CAP_EXCEEDED, "only 1.00 is available");
        ResponseEntity<Object> wrapped =
                handler.failed(new CommandExecutionException("failed", new RuntimeException(), refused), request);
        ResponseEntity<Object> away =
                handler.failed(new IllegalStateException(new ConnectException("refused")), request);

        assertThat(wrapped.getStatusCode().value()).isEqualTo(409);
        assertThat(body(wrapped).getProperties()).containsEntry("code", "CAP_EXCEEDED");
        assertThat(away.getStatusCode().value()).isEqualTo(503);
        assertThat(Failures.classify(new IllegalStateException(new ConnectException("refused"))))
                .isEqualTo(Failures.Kind.DATABASE_AWAY);
    }

    @Test
    void anythingElseUnexpectedIsAnInternalErrorThatSaysNothingOfItsCause() {
        ResponseEntity<Object> answer = handler.failed(new IllegalStateException("secret internals"), request);
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(body(answer).getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(body(answer).getDetail()).doesNotContain("secret");
    }

    @Test
    void a405NamesTheAllowedMethodsAndA415TheAcceptedTypes() throws Exception {
        ServletWebRequest web = new ServletWebRequest(request, new MockHttpServletResponse());

        ResponseEntity<Object> method =
                handler.handleException(new HttpRequestMethodNotSupportedException("PUT", List.of("GET", "POST")), web);
        ResponseEntity<Object> type = handler.handleException(
                new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)), web);

        assertThat(method.getStatusCode().value()).isEqualTo(405);
        assertThat(method.getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
        assertThat(body(method).getProperties()).containsEntry("code", "METHOD_NOT_ALLOWED");
        assertThat(type.getStatusCode().value()).isEqualTo(415);
        assertThat(type.getHeaders().getAccept()).containsExactly(MediaType.APPLICATION_JSON);
        assertThat(body(type).getProperties()).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
        assertThat(type.getHeaders()).doesNotContainKey(HttpHeaders.WWW_AUTHENTICATE);
    }
}
