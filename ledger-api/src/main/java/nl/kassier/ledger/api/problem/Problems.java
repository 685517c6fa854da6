package nl.kassier.ledger.api.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one place where an error code becomes an RFC 9457 problem: its HTTP status, its type URI and its title. Every
 * refusal the service gives, from the domain, from Spring MVC or from the security filters, is built here.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:kassier:problem:";

    private Problems() {}

    public static HttpStatus status(LedgerErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case CAP_EXCEEDED, INVALID_STATE, DUPLICATE, AMOUNT_EXCEEDED -> HttpStatus.CONFLICT;
            case IDEMPOTENCY_MISMATCH, NOT_ELIGIBLE, OUTSIDE_SCHEME, DATE_OUT_OF_ORDER, ABOVE_MENU_MAXIMUM ->
                HttpStatus.UNPROCESSABLE_ENTITY;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The code for an HTTP error status that arose outside the service's own handling (the container's). */
    public static LedgerErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> LedgerErrorCode.VALIDATION_FAILED;
            case 401 -> LedgerErrorCode.UNAUTHENTICATED;
            case 403 -> LedgerErrorCode.FORBIDDEN;
            case 404 -> LedgerErrorCode.NOT_FOUND;
            case 405 -> LedgerErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> LedgerErrorCode.NOT_ACCEPTABLE;
            case 413 -> LedgerErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> LedgerErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> LedgerErrorCode.TOO_MANY_REQUESTS;
            case 503 -> LedgerErrorCode.UNAVAILABLE;
            default -> LedgerErrorCode.INTERNAL_ERROR;
        };
    }

    public static ProblemDetail of(LedgerErrorCode code, String detail) {
        return of(code, detail, List.of());
    }

    public static ProblemDetail of(LedgerErrorCode code, String detail, List<FieldError> errors) {
        HttpStatus status = status(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(
                URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Counts a problem answer by its code and status: {@code ledger.problems}, every refusal the API gives. */
    static void count(MeterRegistry registry, ProblemDetail problem) {
        Object code =
                problem.getProperties() == null ? null : problem.getProperties().get("code");
        Counter.builder("ledger.problems")
                .description("Problem answers given, by machine code and HTTP status")
                .tag("code", code == null ? "NONE" : code.toString())
                .tag("status", Integer.toString(problem.getStatus()))
                .register(registry)
                .increment();
    }
}
