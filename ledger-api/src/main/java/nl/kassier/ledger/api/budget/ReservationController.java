package nl.kassier.ledger.api.budget;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.kassier.ledger.api.budget.ReservationRequests.Commit;
import nl.kassier.ledger.api.budget.ReservationRequests.DateBody;
import nl.kassier.ledger.api.budget.ReservationRequests.Pay;
import nl.kassier.ledger.api.budget.ReservationRequests.ReasonBody;
import nl.kassier.ledger.api.budget.ReservationRequests.Reserve;
import nl.kassier.ledger.api.budget.ReservationResponses.Created;
import nl.kassier.ledger.api.budget.ReservationResponses.Paid;
import nl.kassier.ledger.api.budget.ReservationResponses.Reservation;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.problem.InvalidParameterValue;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.IdempotencyKeys;
import nl.kassier.ledger.api.web.Paging;
import nl.kassier.ledger.api.web.StrictParameters;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.ApproveReservation;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.CommitReservation;
import nl.kassier.ledger.core.budget.PaymentReceipt;
import nl.kassier.ledger.core.budget.RegisterPayment;
import nl.kassier.ledger.core.budget.RejectReservation;
import nl.kassier.ledger.core.budget.ReleaseReservation;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationReceipt;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.ReserveBudget;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import nl.kassier.ledger.projections.budget.ReservationQueries;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The life of a reservation over REST: request, approve or reject, commit, pay, release. Each step checks role and
 * region here, the body's fields here, and every rule of the budget in the {@code Budget} aggregate.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ReservationController {

    private final Commands commands;
    private final ReservationQueries reservations;
    private final AsOfQueries asOfQueries;
    private final Clock clock;

    public ReservationController(
            Commands commands, ReservationQueries reservations, AsOfQueries asOfQueries, Clock clock) {
        this.commands = commands;
        this.reservations = reservations;
        this.asOfQueries = asOfQueries;
        this.clock = clock;
    }

    @PostMapping(path = "/regions/{region}/reservations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Created> reserve(
            @PathVariable String region,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestBody Reserve body,
            @AuthenticationPrincipal LedgerUser user) {
        RegionCode code = region(region);
        Access.requireRoleInRegion(user, code, Role.PARTNER, Role.COORDINATOR);
        Optional<String> key = IdempotencyKeys.validated(idempotencyKey);
        LocalDate today = LocalDate.now(clock);
        body.validate(today);
        UUID uuid = IdempotencyKeys.identifier(key, user.username(), "reservation");
        ReservationId id = ReservationId.of(new BudgetId(code, body.year()), uuid);
        if (key.isPresent()) {
            reservations
                    .idEndingIn(uuid)
                    .filter(existing -> !existing.equals(id.value()))
                    .ifPresent(other -> {
                        throw new LedgerRejection(
                                LedgerErrorCode.IDEMPOTENCY_MISMATCH,
                                "this idempotency key was used for a different reservation request");
                    });
        }
        ReserveBudget command = new ReserveBudget(
                id,
                body.budget(),
                body.menuItem(),
                body.amount(),
                body.toCandidate(),
                body.dateOr(today),
                body.description(),
                user.hasRole(Role.COORDINATOR),
                Access.actor(user),
                user.organisationType());
        ReservationReceipt receipt;
        try {
            receipt = commands.send(command, id.budget().value());
        } catch (AggregateNotFoundException e) {
            throw new LedgerRejection(LedgerErrorCode.OUTSIDE_SCHEME, "the regeling has no budget for " + body.year());
        }
        return ResponseEntity.created(URI.create("/api/v1/reservations/" + id.value()))
                .body(Created.of(receipt));
    }

    @PostMapping("/reservations/{id}/approve")
    public Reservation approve(
            @PathVariable String id,
            @RequestBody(required = false) DateBody body,
            @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireRoleInRegion(user, reservation.budget().region(), Role.COORDINATOR);
        LocalDate date = dateOrToday(body == null ? null : body.date());
        return step(ApproveReservation.of(reservation, date, Access.actor(user)), reservation, user);
    }

    /** A step's legal date: as given, or today in Amsterdam. */
    private LocalDate dateOrToday(LocalDate given) {
        return given != null ? given : LocalDate.now(clock);
    }

    @PostMapping(path = "/reservations/{id}/reject")
    public Reservation reject(
            @PathVariable String id,
            @RequestBody(required = false) ReasonBody body,
            @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireRoleInRegion(user, reservation.budget().region(), Role.COORDINATOR);
        LocalDate date = dateOrToday(body == null ? null : body.date());
        return step(RejectReservation.of(reservation, reason(body), date, Access.actor(user)), reservation, user);
    }

    @PostMapping(path = "/reservations/{id}/commit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Reservation commit(
            @PathVariable String id, @RequestBody Commit body, @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireRoleInRegion(user, reservation.budget().region(), Role.COORDINATOR, Role.PARTNER);
        body.validate();
        return step(
                CommitReservation.of(
                        reservation, body.amount(), body.reference(), dateOrToday(body.date()), Access.actor(user)),
                reservation,
                user);
    }

    @PostMapping(path = "/reservations/{id}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Paid> pay(
            @PathVariable String id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestBody Pay body,
            @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireRole(user, Role.KASSIER);
        Optional<String> key = IdempotencyKeys.validated(idempotencyKey);
        body.validate();
        PaymentReceipt receipt = commands.send(
                RegisterPayment.of(
                        reservation,
                        body.paymentId(),
                        body.amount(),
                        dateOrToday(body.date()),
                        body.invoiceRef(),
                        key.orElse(null),
                        Access.actor(user)),
                reservation.budget().value());
        return ResponseEntity.created(URI.create("/api/v1/reservations/" + reservation.value()))
                .body(Paid.of(receipt));
    }

    @PostMapping(path = "/reservations/{id}/release")
    public Reservation release(
            @PathVariable String id,
            @RequestBody(required = false) ReasonBody body,
            @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireRoleInRegion(user, reservation.budget().region(), Role.COORDINATOR, Role.PARTNER);
        LocalDate date = dateOrToday(body == null ? null : body.date());
        return step(ReleaseReservation.of(reservation, reason(body), date, Access.actor(user)), reservation, user);
    }

    @GetMapping("/reservations/{id}")
    public Reservation get(
            @PathVariable String id,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        ReservationId reservation = reservationId(id);
        Access.requireReader(user, reservation.budget().region());
        if (asOf != null) {
            // As the ledger knew it then: replayed from the events recorded up to that instant.
            return asOfQueries
                    .reservation(reservation, asOf)
                    .map(found -> Reservation.of(found, ReservationResponses.showsCandidates(user)))
                    .orElseThrow(() -> notFound(reservation.value()));
        }
        return view(reservation, user);
    }

    @GetMapping("/regions/{region}/reservations")
    public ReservationResponses.ReservationPage list(
            @PathVariable String region,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "0") Integer page,
            @RequestParam(defaultValue = "" + Paging.PAGE_SIZE_DEFAULT) Integer size,
            @AuthenticationPrincipal LedgerUser user) {
        RegionCode code = region(region);
        Access.requireReader(user, code);
        Validation v = new Validation();
        v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        Paging.validate(v, page, size);
        Set<ReservationStatus> statuses = statuses(v, status, open);
        v.throwIfInvalid();
        return ReservationResponses.ReservationPage.of(
                reservations.list(code, year, statuses, page, size), ReservationResponses.showsCandidates(user));
    }

    /**
     * {@code status=REQUESTED,RESERVED}: any of those; {@code open=true}: every status that still draws on the cap
     * with money not yet paid ({@code open=false}: every other one). Both given: the statuses in both.
     */
    private static Set<ReservationStatus> statuses(Validation v, String status, Boolean open) {
        Set<ReservationStatus> chosen = EnumSet.allOf(ReservationStatus.class);
        if (status != null) {
            chosen = EnumSet.noneOf(ReservationStatus.class);
            for (String name : status.split(",", -1)) {
                try {
                    chosen.add(StrictParameters.exactName(ReservationStatus.class, name));
                } catch (InvalidParameterValue unknown) {
                    v.fail("status", "a comma-separated list, each " + unknown.getMessage());
                    return Set.of();
                }
            }
        }
        if (open != null) {
            chosen.removeIf(s -> s.isFinal() == open);
        }
        return chosen;
    }

    private Reservation step(Object command, ReservationId reservation, LedgerUser user) {
        try {
            commands.send(command, reservation.budget().value());
        } catch (AggregateNotFoundException e) {
            throw notFound(reservation.value());
        }
        return view(reservation, user);
    }

    private Reservation view(ReservationId reservation, LedgerUser user) {
        return reservations
                .find(reservation.value())
                .map(found -> Reservation.of(found, ReservationResponses.showsCandidates(user)))
                .orElseThrow(() -> notFound(reservation.value()));
    }

    private static Reason reason(ReasonBody body) {
        return body == null ? null : body.reason();
    }

    public static RegionCode region(String code) {
        return Regions.find(code)
                .orElseThrow(() -> new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no region " + code))
                .code();
    }

    private static ReservationId reservationId(String id) {
        ReservationId reservation = ReservationId.parse(id).orElseThrow(() -> notFound(id));
        if (!Regions.exists(reservation.budget().region())) {
            throw notFound(id);
        }
        return reservation;
    }

    private static LedgerRejection notFound(String id) {
        return new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no reservation " + id);
    }
}
