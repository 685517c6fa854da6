package nl.kassier.ledger.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes a problem response directly, for the places outside Spring MVC: security filters and size limits. */
@Component
public class ProblemWriter {

    private final ObjectMapper objectMapper;
    private final MeterRegistry registry;

    public ProblemWriter(ObjectMapper objectMapper, MeterRegistry registry) {
        this.objectMapper = objectMapper;
        this.registry = registry;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, LedgerErrorCode code, String detail)
            throws IOException {
        write(request, response, code, detail, List.of());
    }

    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            LedgerErrorCode code,
            String detail,
            List<FieldError> errors)
            throws IOException {
        ProblemDetail problem = Problems.of(code, detail, errors);
        problem.setInstance(URI.create(request.getRequestURI()));
        Problems.count(registry, problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
