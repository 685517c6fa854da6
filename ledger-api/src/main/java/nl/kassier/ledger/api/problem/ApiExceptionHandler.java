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
import java.util.Optional;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.infra.json.LedgerJsonModule.InvalidValueException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a request to a problem response with a stable {@code code}. Spring MVC's own failures come
 * through {@link ResponseEntityExceptionHandler}, which also sets what their answers must carry ({@code Allow} on a
 * 405, {@code Accept} on a 415); what went wrong inside is read by {@link Failures}. Nothing of the failure's
 * internals (stack traces, class names, SQL) reaches the client; unexpected failures are logged here instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MeterRegistry registry;

    public ApiExceptionHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<Object> rejected(LedgerRejection rejection, HttpServletRequest request) {
        return respond(request, refusal(rejection), HttpHeaders.EMPTY);
    }

    /**
     * Spring Security's firewall checks a header's value when it is first read, which for {@code Idempotency-Key} is
     * in the endpoint: a value with control characters or other bytes it does not take is refused here, not as a 500.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejectedByFirewall(RequestRejectedException failure, HttpServletRequest request) {
        return respond(
                request, invalid("headers", "a header holds characters the ledger does not accept"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException failure, HttpServletRequest request) {
        return respond(
                request, Problems.of(LedgerErrorCode.FORBIDDEN, "your role does not allow this"), HttpHeaders.EMPTY);
    }

    /** Whatever else: a refusal wrapped by Axon, the database away, a race lost on every retry, or a fault. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failed(Exception failure, HttpServletRequest request) {
        return respond(request, problemFor(failure, request.getMethod() + " " + route(request)), HttpHeaders.EMPTY);
    }

    /**
     * Where a failure happened, as the log may say it: the route ({@code /api/v1/candidates/{ref}/erasure}), never the
     * path with its values, which can name a candidate.
     */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "(no route)";
    }

    /**
     * The problem that answers {@code failure}, of whatever kind, logged as its kind asks with {@code where} it
     * happened: also for one item of a request that answers each of its items (the payment run).
     */
    public static ProblemDetail problemFor(Throwable failure, String where) {
        Failures.Kind kind = Failures.classify(failure);
        if (kind != Failures.Kind.REFUSED
                && Failures.causes(failure).anyMatch(AggregateNotFoundException.class::isInstance)) {
            return Problems.of(LedgerErrorCode.NOT_FOUND, "no such resource");
        }
        return switch (kind) {
            case REFUSED -> refusal(Failures.rejection(failure).orElseThrow());
            case DATABASE_AWAY -> {
                LOG.warn("database unavailable for {}: {}", where, failure.toString());
                yield Problems.of(
                        LedgerErrorCode.UNAVAILABLE, "the ledger's database is not reachable; try again shortly");
            }
            case LOST_RACE -> {
                LOG.warn("gave up {} after losing every retry: {}", where, failure.toString());
                yield Problems.of(
                        LedgerErrorCode.UNAVAILABLE,
                        "the ledger is busy with other requests for the same budget; nothing was recorded, try"
                                + " again shortly");
            }
            case UNEXPECTED -> {
                LOG.error("unexpected failure on {}", where, failure);
                yield Problems.of(LedgerErrorCode.INTERNAL_ERROR, "the ledger could not handle this request");
            }
        };
    }

    /**
     * Spring MVC's own refusals, with the headers {@link ResponseEntityExceptionHandler} prepared for them, answered in
     * the ledger's problem form.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return respond(servletRequest, problem(failure, status), headers);
    }

    private static ProblemDetail problem(Exception failure, HttpStatusCode status) {
        if (failure instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (failure instanceof TypeMismatchException mismatch) {
            Optional<String> why = Failures.causes(mismatch)
                    .filter(InvalidParameterValue.class::isInstance)
                    .map(Throwable::getMessage)
                    .findFirst();
            return invalid(
                    mismatch.getPropertyName(), why.orElse("invalid value" + expected(mismatch.getRequiredType())));
        }
        if (failure instanceof MissingServletRequestParameterException missing) {
            return invalid(missing.getParameterName(), "required");
        }
        if (failure instanceof MissingRequestHeaderException missing) {
            return invalid(missing.getHeaderName(), "required header");
        }
        if (failure instanceof HttpMediaTypeNotSupportedException unsupported) {
            return Problems.of(
                    LedgerErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "this endpoint accepts " + unsupported.getSupportedMediaTypes());
        }
        if (failure instanceof HttpMediaTypeNotAcceptableException) {
            return Problems.of(LedgerErrorCode.NOT_ACCEPTABLE, "this endpoint answers in JSON");
        }
        if (failure instanceof HttpRequestMethodNotSupportedException method) {
            return Problems.of(
                    LedgerErrorCode.METHOD_NOT_ALLOWED, "method " + method.getMethod() + " is not allowed here");
        }
        if (failure instanceof NoResourceFoundException) {
            return Problems.of(LedgerErrorCode.NOT_FOUND, "no such resource");
        }
        if (failure instanceof MaxUploadSizeExceededException) {
            return Problems.of(LedgerErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large");
        }
        return Problems.of(Problems.codeFor(status.value()), "the request could not be handled");
    }

    /** A body that could not be read: too large, not UTF-8, not JSON, or a field its type refuses. */
    private static ProblemDetail unreadable(HttpMessageNotReadableException failure) {
        Optional<RefusedBodyException> refused = Failures.causes(failure)
                .filter(RefusedBodyException.class::isInstance)
                .map(RefusedBodyException.class::cast)
                .findFirst();
        if (refused.isPresent()) {
            RefusedBodyException body = refused.get();
            return body.code() == LedgerErrorCode.VALIDATION_FAILED
                    ? invalid("body", body.getMessage())
                    : Problems.of(body.code(), body.getMessage());
        }
        Throwable cause = failure.getCause();
        if (cause instanceof InvalidValueException invalidValue) {
            // The value type's own words for what is wrong with the value.
            return invalid(path(invalidValue), invalidValue.getOriginalMessage());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(path(unknown), "unknown field");
        }
        if (cause instanceof InvalidFormatException format) {
            return invalid(path(format), "invalid value" + expected(format.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return invalid(path(mismatch), "wrong type" + expected(mismatch.getTargetType()));
        }
        if (cause instanceof JsonMappingException mapping) {
            return invalid(path(mapping), "invalid value");
        }
        if (cause instanceof JsonParseException) {
            return invalid("body", "not well-formed JSON");
        }
        return invalid("body", "a JSON body is required");
    }

    private static ProblemDetail refusal(LedgerRejection rejection) {
        return Problems.of(rejection.code(), rejection.getMessage(), rejection.fieldErrors());
    }

    private static ProblemDetail invalid(String field, String message) {
        return Problems.of(
                LedgerErrorCode.VALIDATION_FAILED, "the request is not valid", List.of(new FieldError(field, message)));
    }

    private ResponseEntity<Object> respond(HttpServletRequest request, ProblemDetail problem, HttpHeaders headers) {
        problem.setInstance(URI.create(request.getRequestURI()));
        Problems.count(registry, problem);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
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
