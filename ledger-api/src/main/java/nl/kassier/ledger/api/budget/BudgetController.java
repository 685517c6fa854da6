package nl.kassier.ledger.api.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import nl.kassier.ledger.projections.budget.BudgetQueries;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A region's budget for a year: per cap line in force, the allocation and what is drawn on it; now, as the ledger knew
 * it at an instant ({@code asOf}), as the law stood on a day ({@code on}: only steps dated on or before it, under the
 * amendments in force on it), or both.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class BudgetController {

    private final BudgetQueries budgets;
    private final AsOfQueries asOfQueries;
    private final Clock clock;

    public BudgetController(BudgetQueries budgets, AsOfQueries asOfQueries, Clock clock) {
        this.budgets = budgets;
        this.asOfQueries = asOfQueries;
        this.clock = clock;
    }

    @GetMapping("/regions/{region}/budgets/{year}")
    public ReservationResponses.Budget budget(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) LocalDate on,
            @AuthenticationPrincipal LedgerUser user) {
        RegionCode code = ReservationController.region(region);
        Access.requireReader(user, code);
        Validation v = new Validation();
        v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        v.throwIfInvalid();
        if (asOf != null || on != null) {
            // As the ledger knew it then, as the law stood that day: replayed from the events.
            return ReservationResponses.Budget.of(
                    asOfQueries.budget(code, year, asOf != null ? asOf : clock.instant(), on));
        }
        return ReservationResponses.Budget.of(budgets.budget(code, year, LocalDate.now(clock), clock.instant()));
    }
}
