package nl.kassier.ledger.api.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import nl.kassier.ledger.api.audit.AuditController;
import nl.kassier.ledger.api.budget.BudgetController;
import nl.kassier.ledger.api.budget.ReservationController;
import nl.kassier.ledger.api.budget.ReservationRequests;
import nl.kassier.ledger.api.budget.ReservationRequests.DateBody;
import nl.kassier.ledger.api.budget.ReservationRequests.ReasonBody;
import nl.kassier.ledger.api.budget.ReservationResponses;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.api.reconciliation.PaymentController;
import nl.kassier.ledger.api.reconciliation.ReconciliationController;
import nl.kassier.ledger.api.regeling.AmendmentController;
import nl.kassier.ledger.api.regeling.AmendmentResponse;
import nl.kassier.ledger.api.security.LedgerOidcUsers;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.statement.StatementController;
import nl.kassier.ledger.api.web.Paging;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.amendment.AmendmentQueries;
import nl.kassier.ledger.projections.budget.PaymentView;
import nl.kassier.ledger.projections.statement.NationalStatement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard: one page per role, drawn on the server from the very answers the REST API gives (this controller asks
 * the API's controllers, with the signed-in user, so that the same rules of access apply and every figure is the API's
 * to the cent). A coördinator approves and rejects here through the same commands as over REST.
 */
@Controller
public class DashboardController {

    private final BudgetController budgets;
    private final ReservationController reservations;
    private final StatementController statements;
    private final AuditController audit;
    private final AmendmentController amendmentController;
    private final PaymentController payments;
    private final ReconciliationController reconciliations;
    private final AmendmentQueries amendments;
    private final Clock clock;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    public DashboardController(
            BudgetController budgets,
            ReservationController reservations,
            StatementController statements,
            AuditController audit,
            AmendmentController amendmentController,
            PaymentController payments,
            ReconciliationController reconciliations,
            AmendmentQueries amendments,
            Clock clock,
            ObjectProvider<ClientRegistrationRepository> registrations) {
        this.budgets = budgets;
        this.reservations = reservations;
        this.statements = statements;
        this.audit = audit;
        this.amendmentController = amendmentController;
        this.payments = payments;
        this.reconciliations = reconciliations;
        this.amendments = amendments;
        this.clock = clock;
        this.registrations = registrations;
    }

    @GetMapping("/inloggen")
    public String signIn(Authentication authentication, Model model) {
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        List<Provider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> registered) {
            for (Object each : registered) {
                if (each instanceof ClientRegistration registration) {
                    providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
                }
            }
        }
        model.addAttribute("providers", providers);
        return "dashboard/inloggen";
    }

    /** An identity provider to sign in with (production). */
    record Provider(String id, String name) {}

    @GetMapping({"/", "/dashboard"})
    public String dashboard(
            @RequestParam(name = "jaar", required = false) String year,
            @RequestParam(name = "regio", required = false) String region,
            @RequestParam(name = "op", required = false) String on,
            @RequestParam(name = "per", required = false) String asOf,
            @RequestParam(name = "verlopen", required = false) String expired,
            Authentication authentication,
            Model model) {
        LedgerUser user = user(authentication);
        if (expired != null) {
            model.addAttribute("error", "Het formulier was verlopen; er is niets vastgelegd. Probeer het opnieuw.");
        }
        LocalDate today = LocalDate.now(clock);
        List<Integer> years = years(today);
        int chosen = chosenYear(year, years, today, model);
        model.addAttribute("user", user);
        model.addAttribute("role", roleName(user.role()));
        model.addAttribute("years", years);
        model.addAttribute("year", chosen);
        model.addAttribute("today", today);
        model.addAttribute("todayText", Weergave.date(today));
        return switch (user.role()) {
            case COORDINATOR, PARTNER -> region(user, chosen, region, today, model);
            case KASSIER -> kassier(user, chosen, model);
            case AUDITOR, SZW -> oversight(user, chosen, region, on, asOf, model);
        };
    }

    /** The region's budget, its months, what awaits approval and what is open; a partner sees its regions' figures. */
    private String region(LedgerUser user, int year, String asked, LocalDate today, Model model) {
        List<RegionCode> own = user.regions().stream()
                .sorted(Comparator.comparing(RegionCode::value))
                .toList();
        RegionCode code =
                own.stream().filter(c -> c.value().equals(asked)).findFirst().orElse(own.get(0));
        String region = code.value();
        ReservationResponses.Budget budget = budgets.budget(region, year, null, null, user);
        model.addAttribute(
                "regions", own.stream().map(DashboardController::region).toList());
        model.addAttribute("region", region(code));
        model.addAttribute("budget", budget);
        model.addAttribute("budgetStatus", Weergave.status(budget.status()));
        model.addAttribute("lines", budget.lines().stream().map(Regel::of).toList());
        model.addAttribute("months", months(region, year, today, user));
        model.addAttribute("approves", user.hasRole(Role.COORDINATOR));
        // An approval is dated at the latest on the scheme's last day: after it no obligation can arise.
        LocalDate latest = amendments
                .law()
                .schemeEnd(today)
                .filter(end -> end.isBefore(today))
                .orElse(today);
        model.addAttribute("awaiting", rows(all(region, year, "REQUESTED", null, user), latest));
        model.addAttribute("open", rows(all(region, year, "RESERVED,COMMITTED,PARTIALLY_PAID", null, user), latest));
        return "dashboard/regio";
    }

    /** Every region's lines for the year, the commitments awaiting payment, the payments by month, the statements. */
    private String kassier(LedgerUser user, int year, Model model) {
        List<RegionRow> regions = new ArrayList<>();
        Map<String, String> lineNames = new LinkedHashMap<>();
        List<Row> awaitingPayment = new ArrayList<>();
        for (Region region : Regions.all()) {
            String code = region.code().value();
            ReservationResponses.Budget budget = budgets.budget(code, year, null, null, user);
            Map<String, Regel> lines = new LinkedHashMap<>();
            for (ReservationResponses.Line line : budget.lines()) {
                Regel regel = Regel.of(line);
                lines.put(regel.key(), regel);
                lineNames.putIfAbsent(regel.key(), regel.name());
            }
            regions.add(new RegionRow(region.code().value(), region.name(), Weergave.status(budget.status()), lines));
            awaitingPayment.addAll(rows(all(code, year, "COMMITTED,PARTIALLY_PAID", null, user), null));
        }
        model.addAttribute("lineNames", lineNames);
        model.addAttribute("regionRows", regions);
        model.addAttribute("awaitingPayment", awaitingPayment);
        model.addAttribute("paymentMonths", paymentsByMonth(year, user));
        ReconciliationController.ReconciliationPage statementsPage =
                reconciliations.list(0, Paging.PAGE_SIZE_MAX, user);
        model.addAttribute("reconciliations", statementsPage.items());
        model.addAttribute(
                "reconciliationsMore",
                statementsPage.total() - statementsPage.items().size());
        return "dashboard/kassier";
    }

    /** The national figures against the caps, the chain, the amendments on both clocks, any budget on any day. */
    private String oversight(LedgerUser user, int year, String region, String on, String asOf, Model model) {
        NationalStatement national = statements.national(year, null, null, user);
        model.addAttribute("national", national);
        model.addAttribute(
                "nationalLines", national.lines().stream().map(Regel::of).toList());
        AuditController.Anchor anchor = audit.anchor(user);
        model.addAttribute("anchor", anchor);
        model.addAttribute(
                "checkpointSignedAt",
                anchor.latest() == null
                        ? null
                        : Weergave.instant(anchor.latest().signedAt()));
        model.addAttribute("canVerify", user.hasRole(Role.AUDITOR));
        model.addAttribute("amendments", timeline());
        model.addAttribute(
                "allRegions", Regions.all().stream().map(r -> region(r.code())).toList());
        lookup(user, year, region, on, asOf, model);
        return "dashboard/toezicht";
    }

    /** A budget on a legal date ({@code op}) and as the ledger knew it at an instant ({@code per}, Amsterdam time). */
    private void lookup(LedgerUser user, int year, String region, String on, String asOf, Model model) {
        if (region == null || region.isBlank()) {
            return;
        }
        LocalDate legalDate = null;
        Instant instant = null;
        try {
            if (on != null && !on.isBlank()) {
                legalDate = LegalDates.requireInRange(LocalDate.parse(on), "op");
            }
            if (asOf != null && !asOf.isBlank()) {
                instant = LocalDateTime.parse(asOf).atZone(LegalDates.ZONE).toInstant();
                if (!LegalDates.isInRange(instant)) {
                    throw new IllegalArgumentException("per");
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            model.addAttribute("lookupError", "Geef een geldige datum (op) en tijd (per), tussen 2000 en 2100.");
            return;
        }
        try {
            ReservationResponses.Budget found = budgets.budget(region, year, instant, legalDate, user);
            model.addAttribute("lookedUp", found);
            model.addAttribute(
                    "lookedUpRegion", Regions.find(region).map(Region::name).orElse(region));
            model.addAttribute(
                    "lookedUpLines", found.lines().stream().map(Regel::of).toList());
            // Without a legal date the API applies the law as it stood on the day of the instant asked for.
            LocalDate shownOn = legalDate != null
                    ? legalDate
                    : LocalDate.ofInstant(instant != null ? instant : clock.instant(), LegalDates.ZONE);
            model.addAttribute("lookedUpOn", Weergave.date(shownOn));
            model.addAttribute("lookedUpAsOf", Weergave.instant(found.asOf()));
        } catch (LedgerRejection refused) {
            model.addAttribute("lookupError", Weergave.refusal(refused.code(), refused.getMessage()));
        }
    }

    @PostMapping("/dashboard/reserveringen/{id}/goedkeuren")
    public String approve(
            @PathVariable String id,
            @RequestParam(name = "datum", required = false) String date,
            @RequestParam(name = "jaar", required = false) String year,
            Authentication authentication,
            RedirectAttributes flash) {
        LedgerUser user = user(authentication);
        return step(
                id, year, flash, "goedgekeurd", () -> reservations.approve(id, new DateBody(legalDate(date)), user));
    }

    @PostMapping("/dashboard/reserveringen/{id}/afwijzen")
    public String reject(
            @PathVariable String id,
            @RequestParam(name = "reden", required = false) String reason,
            @RequestParam(name = "datum", required = false) String date,
            @RequestParam(name = "jaar", required = false) String year,
            Authentication authentication,
            RedirectAttributes flash) {
        LedgerUser user = user(authentication);
        return step(id, year, flash, "afgewezen", () -> {
            Reason why;
            try {
                why = reason == null || reason.isBlank() ? null : new Reason(reason);
            } catch (IllegalArgumentException e) {
                throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "reden: " + e.getMessage());
            }
            return reservations.reject(id, new ReasonBody(why, legalDate(date)), user);
        });
    }

    /** The whole chain verified now, as {@code GET /audit/verify} does (the auditor's): a POST, for it is costly. */
    @PostMapping("/dashboard/keten-controle")
    public String verifyChain(
            @RequestParam(name = "jaar", required = false) String year,
            Authentication authentication,
            RedirectAttributes flash) {
        flash.addFlashAttribute("verification", Verification.of(audit.verify(user(authentication))));
        return back(year);
    }

    /** The national statement and a region's, as CSV or PDF, for the signed-in user as the API gives them. */
    @GetMapping("/dashboard/verantwoording/{year}.{format}")
    public ResponseEntity<?> nationalStatement(
            @PathVariable Integer year, @PathVariable String format, Authentication authentication) {
        LedgerUser user = user(authentication);
        return switch (format) {
            case "csv" -> statements.nationalCsv(year, null, null, user);
            case "pdf" -> statements.nationalPdf(year, null, null, user);
            default -> throw new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no rendition " + format);
        };
    }

    @GetMapping("/dashboard/verantwoording/{region}/{year}.{format}")
    public ResponseEntity<?> regionalStatement(
            @PathVariable String region,
            @PathVariable Integer year,
            @PathVariable String format,
            Authentication authentication) {
        LedgerUser user = user(authentication);
        return switch (format) {
            case "csv" -> statements.regionalCsv(region, year, null, null, user);
            case "pdf" -> statements.regionalPdf(region, year, null, null, user);
            default -> throw new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no rendition " + format);
        };
    }

    /** A step through the REST endpoint's own method, so that every check of the API applies; its result flashed. */
    private String step(String id, String year, RedirectAttributes flash, String done, Supplier<?> step) {
        try {
            step.get();
            flash.addFlashAttribute("message", "Reservering " + id + " is " + done + ".");
        } catch (RuntimeException failure) {
            // A refusal of the ledger, also one Axon carries inside its own exception; anything else is a fault.
            LedgerRejection refused = Failures.rejection(failure).orElseThrow(() -> failure);
            flash.addFlashAttribute("error", Weergave.refusal(refused.code(), refused.getMessage()));
        }
        return back(year);
    }

    private static String back(String year) {
        return "redirect:/" + (year != null && year.matches("\\d{4}") ? "?jaar=" + year : "");
    }

    private LocalDate legalDate(String date) {
        if (date == null || date.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LegalDates.requireInRange(LocalDate.parse(date), "datum");
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "datum: a date such as 2024-03-01");
        }
    }

    /** The signed-in user, whether by form (a {@link LedgerUser}) or by OpenID Connect. */
    static LedgerUser user(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof LedgerUser user) {
            return user;
        }
        if (principal instanceof LedgerOidcUsers.SignedIn signedIn) {
            return signedIn.user();
        }
        throw new LedgerRejection(LedgerErrorCode.UNAUTHENTICATED, "sign in first");
    }

    /** The budget years the regeling has caps for, up to this year. */
    private List<Integer> years(LocalDate today) {
        List<Integer> years = new ArrayList<>();
        for (int year = ReservationRequests.YEAR_MIN; year <= today.getYear(); year++) {
            if (!amendments.caps(year, today, clock.instant()).isEmpty()) {
                years.add(year);
            }
        }
        return years.isEmpty() ? List.of(today.getYear()) : years;
    }

    private static int chosenYear(String asked, List<Integer> years, LocalDate today, Model model) {
        if (asked != null) {
            try {
                int year = Integer.parseInt(asked);
                if (years.contains(year)) {
                    return year;
                }
            } catch (NumberFormatException e) {
                // falls through to the notice below
            }
            model.addAttribute("error", "Het jaar " + asked + " heeft geen budget; het laatste jaar wordt getoond.");
        }
        return years.contains(today.getYear()) ? today.getYear() : years.get(years.size() - 1);
    }

    /** Every reservation of a page-by-page list, all pages. */
    private List<ReservationResponses.Reservation> all(
            String region, int year, String status, Boolean open, LedgerUser user) {
        return everyPage(page -> {
            ReservationResponses.ReservationPage found =
                    reservations.list(region, year, status, open, page, Paging.PAGE_SIZE_MAX, user);
            return new Found<>(found.items(), found.total());
        });
    }

    /** One page of a list and how many there are in all. */
    private record Found<T>(List<T> items, long total) {}

    /** Every item of a list the API gives page by page, the largest pages it gives. */
    private static <T> List<T> everyPage(java.util.function.IntFunction<Found<T>> page) {
        List<T> all = new ArrayList<>();
        for (int number = 0; ; number++) {
            Found<T> found = page.apply(number);
            all.addAll(found.items());
            if ((long) (number + 1) * Paging.PAGE_SIZE_MAX >= found.total()
                    || found.items().isEmpty()) {
                return all;
            }
        }
    }

    /** The use of the region's lines at the end of each month of the year so far, as the law stood on that day. */
    private List<Month> months(String region, int year, LocalDate today, LedgerUser user) {
        List<Month> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            LocalDate end = LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
            if (end.isAfter(today)) {
                end = today;
            }
            if (end.getYear() != year || end.getMonthValue() != month) {
                break;
            }
            ReservationResponses.Budget budget = budgets.budget(region, year, null, end, user);
            long cap = 0;
            long used = 0;
            long paid = 0;
            for (ReservationResponses.Line line : budget.lines()) {
                cap += line.cap().cents();
                paid += line.paid().cents();
                used += line.requested().cents()
                        + line.reserved().cents()
                        + line.committed().cents()
                        + line.paid().cents();
            }
            months.add(new Month(
                    Weergave.month(month),
                    Weergave.euro(Money.ofCents(used)),
                    Money.ofCents(used).toPlainString(),
                    Weergave.euro(Money.ofCents(paid)),
                    Money.ofCents(paid).toPlainString(),
                    Weergave.percentage(Money.ofCents(used), Money.ofCents(cap))));
            if (end.equals(today)) {
                break;
            }
        }
        return months;
    }

    /** The payments dated in the calendar year, by month: how many and how much. */
    private List<PaymentMonth> paymentsByMonth(int year, LedgerUser user) {
        TreeMap<Integer, long[]> byMonth = new TreeMap<>();
        for (int month = 1; month <= 12; month++) {
            byMonth.put(month, new long[2]);
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        List<PaymentView> all = everyPage(page -> {
            PaymentController.PaymentPage found = payments.list(from, to, null, page, Paging.PAGE_SIZE_MAX, user);
            return new Found<>(found.items(), found.total());
        });
        for (PaymentView payment : all) {
            long[] sums = byMonth.get(payment.date().getMonthValue());
            sums[0]++;
            sums[1] += payment.amount().cents();
        }
        List<PaymentMonth> months = new ArrayList<>();
        byMonth.forEach((month, sums) -> months.add(new PaymentMonth(
                Weergave.month(month),
                sums[0],
                Weergave.euro(Money.ofCents(sums[1])),
                Money.ofCents(sums[1]).toPlainString())));
        return months;
    }

    /**
     * The amendments in the order the ledger recorded them, each with the day it took effect (the legal clock) and the
     * instant the ledger recorded it (the ledger's clock).
     */
    private List<Amendment> timeline() {
        return amendmentController.list().stream()
                .sorted(Comparator.comparing(AmendmentResponse::recordedAt))
                .map(a -> new Amendment(
                        a.id(),
                        a.title(),
                        a.gazette(),
                        Weergave.date(a.effectiveFrom()),
                        a.effectiveFrom().toString(),
                        Weergave.instant(a.recordedAt()),
                        a.recordedAt().toString(),
                        a.schemeEndsOn() == null ? null : Weergave.date(a.schemeEndsOn())))
                .toList();
    }

    /** The reservations as rows; {@code latest}: the last day a decision on them may be dated, for its default. */
    private static List<Row> rows(List<ReservationResponses.Reservation> found, LocalDate latest) {
        return found.stream()
                .map(r -> new Row(
                        r.id(),
                        shortId(r.id()),
                        Regions.find(r.region().value())
                                .map(Region::name)
                                .orElse(r.region().value()),
                        Weergave.budget(r.budget()),
                        Weergave.words(r.menuItem()),
                        Weergave.status(r.status()),
                        Weergave.euro(r.requested()),
                        Weergave.euro(r.reserved()),
                        Weergave.euro(r.committed()),
                        Weergave.euro(r.paid()),
                        r.organisation() == null ? r.requestedBy() : r.organisation(),
                        Weergave.date(r.date()),
                        r.date() == null ? null : r.date().toString(),
                        latest == null ? null : decisionDate(r.date(), latest).toString()))
                .toList();
    }

    private static LocalDate decisionDate(LocalDate reported, LocalDate latest) {
        return reported != null && reported.isAfter(latest) ? reported : latest;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(id.length() - 8) : id;
    }

    private static RegionOption region(RegionCode code) {
        return new RegionOption(
                code.value(), Regions.find(code.value()).map(Region::name).orElse(code.value()));
    }

    static String roleName(Role role) {
        return switch (role) {
            case COORDINATOR -> "Operationeel coördinator";
            case PARTNER -> "Partner";
            case KASSIER -> "Kassier (UWV)";
            case AUDITOR -> "Auditor";
            case SZW -> "Ministerie van SZW";
        };
    }

    record RegionOption(String code, String name) {}

    /** What a verification of the chain found, as the page shows it: small, and kept in the session until shown. */
    record Verification(
            boolean valid, long events, long checkpoints, String head, Long firstInvalidPosition, String reason)
            implements java.io.Serializable {

        static Verification of(nl.kassier.ledger.infra.audit.ChainVerifier.Result result) {
            return new Verification(
                    result.valid(),
                    result.events(),
                    result.checkpoints(),
                    result.head(),
                    result.firstInvalidPosition(),
                    result.reason());
        }
    }

    record RegionRow(String code, String name, String status, Map<String, Regel> lines) {}

    record Row(
            String id,
            String shortId,
            String region,
            String budget,
            String menuItem,
            String status,
            String requested,
            String reserved,
            String committed,
            String paid,
            String requestedBy,
            String date,
            String isoDate,
            String decideOn) {}

    record Month(String name, String amount, String plainAmount, String paid, String plainPaid, String share) {}

    record PaymentMonth(String name, long count, String amount, String plainAmount) {}

    record Amendment(
            String id,
            String title,
            String gazette,
            String effectiveFrom,
            String effectiveFromIso,
            String recordedAt,
            String recordedAtIso,
            String schemeEndsOn) {}
}
