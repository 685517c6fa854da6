package nl.kassier.ledger.api.budget;

import java.time.Clock;
import java.time.LocalDate;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.budget.BudgetQueries;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A region's budget for a year: per cap line in force, the allocation and what is drawn on it. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class BudgetController {

    private final BudgetQueries budgets;
    private final Clock clock;

    public BudgetController(BudgetQueries budgets, Clock clock) {
        this.budgets = budgets;
        this.clock = clock;
    }

    @GetMapping("/regions/{region}/budgets/{year}")
    public ReservationResponses.Budget budget(
            @PathVariable String region, @PathVariable Integer year, @AuthenticationPrincipal LedgerUser user) {
        RegionCode code = ReservationController.region(region);
        Access.requireReader(user, code);
        Validation v = new Validation();
        v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        v.throwIfInvalid();
        return ReservationResponses.Budget.of(budgets.budget(code, year, LocalDate.now(clock), clock.instant()));
    }
}
