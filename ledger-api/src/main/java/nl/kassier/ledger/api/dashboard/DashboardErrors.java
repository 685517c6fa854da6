package nl.kassier.ledger.api.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Optional;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.api.problem.Problems;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Whatever goes wrong on a dashboard page answers with a page, in Dutch, with the status the API would give: a browser
 * user who asks for a region outside its own, or an unknown one, reads why instead of a problem document; the
 * database away, or a fault, says so without a trace (the fault is logged here).
 */
@ControllerAdvice(assignableTypes = DashboardController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardErrors.class);

    @ExceptionHandler(Exception.class)
    String failed(Exception failure, HttpServletResponse response, Principal principal, Model model) {
        if (principal instanceof Authentication authentication) {
            try {
                model.addAttribute("user", DashboardController.user(authentication));
            } catch (LedgerRejection notSignedIn) {
                // the page shows no user
            }
        }
        Optional<LedgerRejection> refused = Failures.rejection(failure);
        if (refused.isPresent()) {
            response.setStatus(Problems.status(refused.get().code()).value());
            model.addAttribute(
                    "error",
                    Weergave.refusal(refused.get().code(), refused.get().getMessage()));
        } else if (Failures.isDatabaseAway(failure)) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            model.addAttribute("error", "De database is even niet bereikbaar. Probeer het over een minuut opnieuw.");
        } else {
            LOG.error("dashboard page failed", failure);
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            model.addAttribute("error", "Er ging iets mis aan onze kant; het is vastgelegd in het logboek.");
        }
        return "dashboard/fout";
    }
}
