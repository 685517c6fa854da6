package nl.kassier.ledger.api.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.CloseBudget;
import nl.kassier.ledger.core.budget.ClosingReceipt;
import nl.kassier.ledger.core.budget.SettleBudget;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.budget.BudgetQueries;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The end of a budget year: the kassier closes it (one region, or every region at once), SZW settles it. Each answers
 * with the budget as it then stands; the national closing with what it did in each region.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ClosingController {

    private final Commands commands;
    private final BudgetQueries budgets;
    private final Clock clock;

    public ClosingController(Commands commands, BudgetQueries budgets, Clock clock) {
        this.commands = commands;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** {@code {"date":"2025-03-31","reason":"…"}}: the step's legal date (default today) and why. */
    record ClosingBody(LocalDate date, Reason reason) {}

    /** What the national closing did in one region: the closing's figures, or why that region was not closed. */
    record RegionClosing(
            RegionCode region,
            BudgetStatus status,
            Integer rejected,
            Integer released,
            Money freed,
            LedgerErrorCode code,
            String detail) {}

    record NationalClosing(int year, LocalDate date, List<RegionClosing> regions) {}

    @PostMapping(path = "/regions/{region}/budgets/{year}/closing")
    public ReservationResponses.Budget close(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestBody(required = false) ClosingBody body,
            @AuthenticationPrincipal LedgerUser user) {
        return step(
                region,
                year,
                user,
                Role.KASSIER,
                budget -> CloseBudget.of(budget, date(body), reason(body), Access.actor(user)));
    }

    @PostMapping(path = "/regions/{region}/budgets/{year}/settlement")
    public ReservationResponses.Budget settle(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestBody(required = false) ClosingBody body,
            @AuthenticationPrincipal LedgerUser user) {
        return step(
                region,
                year,
                user,
                Role.SZW,
                budget -> SettleBudget.of(budget, date(body), reason(body), Access.actor(user)));
    }

    /** One region's closing or settlement by {@code role}: the command sent, the budget as it then stands. */
    private ReservationResponses.Budget step(
            String region, Integer year, LedgerUser user, Role role, Function<BudgetId, Object> command) {
        RegionCode code = ReservationController.region(region);
        Access.requireRole(user, role);
        BudgetId budget = budget(code, year);
        send(command.apply(budget), budget);
        return view(budget);
    }

    /**
     * Closes the year in every region, one budget after the other, with the same date and reason. A region that
     * cannot be closed (closed already, a step dated after the closing) is reported with its code and left as it
     * is; the others are closed all the same.
     */
    @PostMapping(path = "/budgets/{year}/closing")
    public NationalClosing closeEverywhere(
            @PathVariable Integer year,
            @RequestBody(required = false) ClosingBody body,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.KASSIER);
        validateYear(year);
        LocalDate date = date(body);
        List<RegionClosing> report = new ArrayList<>();
        for (Region region : Regions.all()) {
            BudgetId budget = new BudgetId(region.code(), year);
            try {
                ClosingReceipt receipt = send(CloseBudget.of(budget, date, reason(body), Access.actor(user)), budget);
                report.add(new RegionClosing(
                        region.code(),
                        receipt.status(),
                        receipt.rejected(),
                        receipt.released(),
                        receipt.freed(),
                        null,
                        null));
            } catch (LedgerRejection refused) {
                report.add(new RegionClosing(
                        region.code(),
                        budgets.status(region.code(), year),
                        null,
                        null,
                        null,
                        refused.code(),
                        refused.getMessage()));
            }
        }
        return new NationalClosing(year, date, report);
    }

    private ClosingReceipt send(Object command, BudgetId budget) {
        try {
            return commands.send(command, budget.value());
        } catch (AggregateNotFoundException e) {
            throw new LedgerRejection(LedgerErrorCode.NOT_FOUND, "the regeling has no budget for " + budget);
        }
    }

    private static BudgetId budget(RegionCode region, Integer year) {
        validateYear(year);
        return new BudgetId(region, year);
    }

    private static void validateYear(Integer year) {
        Validation v = new Validation();
        v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        v.throwIfInvalid();
    }

    private LocalDate date(ClosingBody body) {
        return body == null || body.date() == null ? LocalDate.now(clock) : body.date();
    }

    private static Reason reason(ClosingBody body) {
        return body == null ? null : body.reason();
    }

    private ReservationResponses.Budget view(BudgetId budget) {
        return ReservationResponses.Budget.of(
                budgets.budget(budget.region(), budget.year(), LocalDate.now(clock), clock.instant()));
    }
}
