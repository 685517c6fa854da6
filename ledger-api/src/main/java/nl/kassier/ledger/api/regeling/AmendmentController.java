package nl.kassier.ledger.api.regeling;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.IdempotencyKeys;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.PublishAmendment;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.amendment.AmendmentQueries;
import nl.kassier.ledger.projections.amendment.RecordedAmendment;
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

/** The regeling's versions and the national caps they set, on the legal clock and the ledger's own. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class AmendmentController {

    private final Commands commands;
    private final AmendmentQueries amendments;
    private final Clock clock;

    public AmendmentController(Commands commands, AmendmentQueries amendments, Clock clock) {
        this.commands = commands;
        this.amendments = amendments;
        this.clock = clock;
    }

    @GetMapping("/amendments")
    public List<AmendmentResponse> list() {
        return amendments.all().stream().map(AmendmentResponse::of).toList();
    }

    @GetMapping("/amendments/{id}")
    public AmendmentResponse get(@PathVariable String id) {
        return amendments
                .find(id)
                .map(AmendmentResponse::of)
                .orElseThrow(() -> new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no amendment " + id));
    }

    @PostMapping(path = "/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AmendmentResponse> publish(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestBody AmendmentRequest request,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.SZW);
        Optional<String> key = IdempotencyKeys.validated(idempotencyKey);
        Amendment amendment = request.toAmendment();
        try {
            commands.sendAndSettle(PublishAmendment.of(amendment, user.username()), Regeling.ID);
        } catch (LedgerRejection rejection) {
            if (key.isEmpty() || rejection.code() != LedgerErrorCode.DUPLICATE) {
                throw rejection;
            }
            // A retry with an Idempotency-Key: the amendment's id is its identity. The same amendment by the same
            // publisher gets the first answer again; anything else under that id is a different request.
            RecordedAmendment recorded = amendments.find(amendment.id()).orElseThrow(() -> rejection);
            if (!recorded.amendment().equals(amendment) || !recorded.actor().equals(user.username())) {
                throw new LedgerRejection(
                        LedgerErrorCode.IDEMPOTENCY_MISMATCH,
                        "amendment " + amendment.id() + " was published before with other content or by someone else");
            }
        }
        AmendmentResponse published = get(amendment.id());
        return ResponseEntity.created(URI.create("/api/v1/amendments/" + amendment.id()))
                .body(published);
    }

    /**
     * The national caps for {@code year}: {@code on} is the legal date (which amendments were in force), {@code asOf}
     * the ledger's clock (which amendments it had recorded). Both default to now.
     */
    @GetMapping("/caps")
    public List<CapResponse> caps(
            @RequestParam Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf) {
        Validation v = new Validation();
        v.range("year", year, AmendmentRequest.YEAR_MIN, AmendmentRequest.YEAR_MAX);
        v.throwIfInvalid();
        LocalDate legalDate = on != null ? on : LocalDate.now(clock);
        Instant ledgerInstant = asOf != null ? asOf : clock.instant();
        return amendments.caps(year, legalDate, ledgerInstant).stream()
                .map(CapResponse::of)
                .toList();
    }
}
