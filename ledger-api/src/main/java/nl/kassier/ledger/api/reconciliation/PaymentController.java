package nl.kassier.ledger.api.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Paging;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.budget.PaymentQueries;
import nl.kassier.ledger.projections.budget.PaymentQueries.Scope;
import nl.kassier.ledger.projections.budget.PaymentView;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kassier's list of payments over a stretch of legal dates, each with what the bank said of it. The national
 * roles see every region's; a coördinator its region's; a partner the payments on its own organisation's reservations
 * in its regions. Naming a region outside the user's is refused, as everywhere.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class PaymentController {

    private final PaymentQueries payments;

    public PaymentController(PaymentQueries payments) {
        this.payments = payments;
    }

    @GetMapping("/payments")
    public PaymentPage list(
            @RequestParam LocalDate from,
            @RequestParam LocalDate to,
            @RequestParam(required = false) String region,
            @RequestParam(defaultValue = "0") Integer page,
            @RequestParam(defaultValue = "" + Paging.PAGE_SIZE_DEFAULT) Integer size,
            @AuthenticationPrincipal LedgerUser user) {
        Optional<RegionCode> named =
                Optional.ofNullable(region).flatMap(Regions::find).map(Region::code);
        if (named.isPresent()) {
            Access.requireReader(user, named.get());
        }
        Validation v = new Validation();
        if (region != null && named.isEmpty()) {
            v.fail("region", "no such region; the regions are listed at /api/v1/regions");
        }
        if (to.isBefore(from)) {
            v.fail("to", "may not lie before from, " + from);
        }
        Paging.validate(v, page, size);
        v.throwIfInvalid();
        Optional<Scope> scope = scope(user, named);
        if (scope.isEmpty()) {
            return new PaymentPage(List.of(), page, size, 0);
        }
        return PaymentPage.of(payments.list(from, to, scope.get(), page, size));
    }

    /**
     * The payments {@code user} may see, of {@code named} if given: empty for a partner without an organisation, who
     * owns no reservation.
     */
    private static Optional<Scope> scope(LedgerUser user, Optional<RegionCode> named) {
        Set<RegionCode> regions = named.map(Set::of).orElse(user.regions());
        return switch (user.role()) {
            case KASSIER, AUDITOR, SZW ->
                Optional.of(named.map(Set::of).map(Scope::regions).orElse(Scope.EVERYTHING));
            case COORDINATOR -> Optional.of(Scope.regions(regions));
            case PARTNER ->
                Optional.ofNullable(user.organisation()).map(organisation -> Scope.partner(regions, organisation));
        };
    }

    /** A page of payments, in the shape of every list. */
    public record PaymentPage(List<PaymentView> items, int page, int size, long total) {

        static PaymentPage of(PaymentQueries.Page page) {
            return new PaymentPage(page.items(), page.number(), page.size(), page.total());
        }
    }
}
