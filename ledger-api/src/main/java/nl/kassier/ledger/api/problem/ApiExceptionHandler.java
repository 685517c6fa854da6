package nl.kassier.ledger.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.infra.eventstore.SqlFailures;
import nl.kassier.ledger.infra.json.LedgerJsonModule.InvalidValueException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a request to a problem response with a stable {@code code}. Nothing of the failure's
 * internals (stack traces, class names, SQL) reaches the client; unexpected failures are logged here instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MeterRegistry registry;

    public ApiExceptionHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<ProblemDetail> rejected(LedgerRejection rejection, HttpServletRequest request) {
        return respond(request, Problems.of(rejection.code(), rejection.getMessage(), rejection.fieldErrors()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure, HttpServletRequest request) {
        Optional<LedgerRejection> rejection = findRejection(failure);
        if (rejection.isPresent()) {
            return rejected(rejection.get(), request);
        }
        return unexpected(failure, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException failure, HttpServletRequest request) {
        return respond(request, Problems.of(LedgerErrorCode.NOT_FOUND, "no such resource"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException failure, HttpServletRequest request) {
        Optional<RefusedBodyException> refused = causes(failure)
                .filter(RefusedBodyException.class::isInstance)
                .map(RefusedBodyException.class::cast)
                .findFirst();
        if (refused.isPresent()) {
            RefusedBodyException body = refused.get();
            return body.code() == LedgerErrorCode.VALIDATION_FAILED
                    ? invalid(request, "body", body.getMessage())
                    : respond(request, Problems.of(body.code(), body.getMessage()));
        }
        Throwable cause = failure.getCause();
        if (cause instanceof InvalidValueException invalidValue) {
            // The value type's own words for what is wrong with the value.
            return invalid(request, path(invalidValue), invalidValue.getOriginalMessage());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(request, path(unknown), "unknown field");
        }
        if (cause instanceof InvalidFormatException format) {
            return invalid(request, path(format), "invalid value" + expected(format.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String message = mismatch.getOriginalMessage();
            String hint = message != null && message.startsWith("an amount")
                    ? message
                    : "wrong type" + expected(mismatch.getTargetType());
            return invalid(request, path(mismatch), hint);
        }
        if (cause instanceof JsonMappingException mapping) {
            return invalid(request, path(mapping), "invalid value");
        }
        if (cause instanceof JsonParseException) {
            return invalid(request, "body", "not well-formed JSON");
        }
        return invalid(request, "body", "a JSON body is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongParameter(
            MethodArgumentTypeMismatchException failure, HttpServletRequest request) {
        Optional<String> why = causes(failure)
                .filter(InvalidParameterValue.class::isInstance)
                .map(Throwable::getMessage)
                .findFirst();
        return invalid(request, failure.getName(), why.orElse("invalid value" + expected(failure.getRequiredType())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(
            MissingServletRequestParameterException failure, HttpServletRequest request) {
        return invalid(request, failure.getParameterName(), "required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException failure, HttpServletRequest request) {
        return invalid(request, failure.getHeaderName(), "required header");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(
            HttpMediaTypeNotSupportedException failure, HttpServletRequest request) {
        return respond(
                request,
                Problems.of(
                        LedgerErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "this endpoint accepts " + failure.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(
            HttpMediaTypeNotAcceptableException failure, HttpServletRequest request) {
        return respond(request, Problems.of(LedgerErrorCode.NOT_ACCEPTABLE, "this endpoint answers in JSON"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(
            HttpRequestMethodNotSupportedException failure, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> problem = respond(
                request,
                Problems.of(
                        LedgerErrorCode.METHOD_NOT_ALLOWED, "method " + failure.getMethod() + " is not allowed here"));
        Set<HttpMethod> allowed = failure.getSupportedHttpMethods();
        return allowed == null || allowed.isEmpty()
                ? problem
                : ResponseEntity.status(problem.getStatusCode())
                        .allow(allowed.toArray(HttpMethod[]::new))
                        .body(problem.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException failure, HttpServletRequest request) {
        return respond(request, Problems.of(LedgerErrorCode.NOT_FOUND, "no such resource"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException failure, HttpServletRequest request) {
        return respond(request, Problems.of(LedgerErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large"));
    }

    /**
     * Spring Security's firewall checks a header's value when it is first read, which for {@code Idempotency-Key} is
     * in the endpoint: a value with control characters or other bytes it does not take is refused here, not as a 500.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejectedByFirewall(RequestRejectedException failure, HttpServletRequest request) {
        return invalid(request, "headers", "a header holds characters the ledger does not accept");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException failure, HttpServletRequest request) {
        return respond(request, Problems.of(LedgerErrorCode.FORBIDDEN, "your role does not allow this"));
    }

    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<ProblemDetail> databaseAway(Exception failure, HttpServletRequest request) {
        LOG.warn(
                "database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), failure.toString());
        return respond(
                request,
                Problems.of(LedgerErrorCode.UNAVAILABLE, "the ledger's database is not reachable; try again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        Optional<LedgerRejection> rejection = findRejection(failure);
        if (rejection.isPresent()) {
            return rejected(rejection.get(), request);
        }
        if (isDatabaseFailure(failure)) {
            return databaseAway(failure, request);
        }
        if (isLostRace(failure)) {
            LOG.warn(
                    "gave up {} {} after losing every retry: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.toString());
            return respond(
                    request,
                    Problems.of(
                            LedgerErrorCode.UNAVAILABLE,
                            "the ledger is busy with other requests for the same budget; nothing was recorded, try"
                                    + " again shortly"));
        }
        LOG.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
        return respond(
                request, Problems.of(LedgerErrorCode.INTERNAL_ERROR, "the ledger could not handle this request"));
    }

    /** {@code failure} and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    private static Optional<LedgerRejection> findRejection(Throwable failure) {
        return causes(failure)
                .map(t -> t instanceof CommandExecutionException execution
                        ? execution.getDetails().orElse(t)
                        : t)
                .filter(LedgerRejection.class::isInstance)
                .map(LedgerRejection.class::cast)
                .findFirst();
    }

    /**
     * A command that lost the race for its aggregate on each of its retries (see {@code LostRaceRetries}): transient,
     * and rolled back, so the caller may safely try again.
     */
    private static boolean isLostRace(Throwable failure) {
        return causes(failure).anyMatch(ConcurrencyException.class::isInstance);
    }

    private static boolean isDatabaseFailure(Throwable failure) {
        return SqlFailures.isConnectionFailure(failure)
                || causes(failure)
                        .anyMatch(t -> t instanceof CannotGetJdbcConnectionException
                                || t instanceof DataAccessResourceFailureException
                                || t instanceof java.net.ConnectException);
    }

    private ResponseEntity<ProblemDetail> invalid(HttpServletRequest request, String field, String message) {
        return respond(
                request,
                Problems.of(
                        LedgerErrorCode.VALIDATION_FAILED,
                        "the request is not valid",
                        List.of(new FieldError(field, message))));
    }

    private ResponseEntity<ProblemDetail> respond(HttpServletRequest request, ProblemDetail problem) {
        problem.setInstance(URI.create(request.getRequestURI()));
        Problems.count(registry, problem);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** The JSON path of the offending field, such as {@code caps[0].amount}. */
    private static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name());
            }
            return ": one of " + values;
        }
        return switch (type.getSimpleName()) {
            case "Money" -> ": an amount such as \"1250.00\"";
            case "Integer", "int", "Long", "long" -> ": a whole number";
            case "LocalDate" -> ": a date such as \"2021-11-23\"";
            case "Instant" -> ": an instant such as \"2021-11-23T10:15:30Z\"";
            case "Boolean", "boolean" -> ": true or false";
            case "String" -> ": a string";
            case "List" -> ": a list";
            default -> "";
        };
    }
}
