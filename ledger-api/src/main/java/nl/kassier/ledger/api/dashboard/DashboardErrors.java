package nl.kassier.ledger.api.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import nl.kassier.ledger.api.problem.ApiExceptionHandler;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Whatever goes wrong on a dashboard page answers with a page, in Dutch, with the status and code the API would give
 * for the same failure ({@link ApiExceptionHandler#problemFor}, which also logs it as its kind asks): a refusal says
 * why, the database away or a race lost on every retry says to try again, a fault says it was logged; never a trace.
 */
@ControllerAdvice(assignableTypes = DashboardController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    @ExceptionHandler(Exception.class)
    String failed(
            Exception failure,
            HttpServletRequest request,
            HttpServletResponse response,
            Principal principal,
            Model model) {
        if (principal instanceof Authentication authentication) {
            try {
                model.addAttribute("user", DashboardController.user(authentication));
                model.addAttribute(
                        "role",
                        DashboardController.roleName(
                                DashboardController.user(authentication).role()));
            } catch (LedgerRejection notSignedIn) {
                // the page names no user
            }
        }
        ProblemDetail problem;
        if (failure instanceof TypeMismatchException || failure instanceof ErrorResponse) {
            // A path that is not one of the dashboard's (a year that is no number): what the API answers 400 or 404.
            int status = failure instanceof ErrorResponse error
                    ? error.getStatusCode().value()
                    : 400;
            problem = ProblemDetail.forStatusAndDetail(
                    org.springframework.http.HttpStatusCode.valueOf(status),
                    "the address is not one of the dashboard's");
            problem.setProperty("code", status == 404 ? "NOT_FOUND" : "VALIDATION_FAILED");
        } else {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            problem = ApiExceptionHandler.problemFor(failure, request.getMethod() + " " + route);
        }
        response.setStatus(problem.getStatus());
        Object code =
                problem.getProperties() == null ? null : problem.getProperties().get("code");
        model.addAttribute("error", message(code == null ? null : code.toString(), problem.getDetail()));
        return "dashboard/fout";
    }

    private static String message(String code, String detail) {
        if ("UNAVAILABLE".equals(code)) {
            return "Het grootboek is even niet bereikbaar of druk; er is niets vastgelegd. Probeer het zo opnieuw.";
        }
        if (code == null || "INTERNAL_ERROR".equals(code)) {
            return "Er ging iets mis aan onze kant; het is vastgelegd in het logboek.";
        }
        return Weergave.refusal(LedgerErrorCode.valueOf(code), detail);
    }
}
