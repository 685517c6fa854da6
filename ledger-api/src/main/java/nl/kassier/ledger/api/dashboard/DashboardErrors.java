package nl.kassier.ledger.api.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import nl.kassier.ledger.api.problem.Problems;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal on a dashboard page answers with a page, in Dutch, with the status the API would give: a browser user who
 * asks for a region outside its own, or an unknown one, reads why instead of a problem document.
 */
@ControllerAdvice(assignableTypes = DashboardController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    @ExceptionHandler(LedgerRejection.class)
    String refused(LedgerRejection refused, HttpServletResponse response, Model model) {
        response.setStatus(Problems.status(refused.code()).value());
        model.addAttribute("error", Weergave.refusal(refused.code(), refused.getMessage()));
        return "dashboard/fout";
    }
}
