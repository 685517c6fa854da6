package nl.kassier.ledger.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, reached for failures that happen before Spring MVC (a malformed request line, an
 * exception in a filter): the same problem form as every other error, and nothing of the failure itself.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (statusAttribute == null) {
            // Asked for by name, not forwarded by the container: there is no such resource.
            ProblemDetail problem = Problems.of(LedgerErrorCode.NOT_FOUND, "no such resource");
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
        int status = statusAttribute instanceof Integer code ? code : 500;
        LedgerErrorCode code = Problems.codeFor(status);
        ProblemDetail problem = Problems.of(code, "the request could not be handled");
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
