package nl.kassier.ledger.api.privacy;

import java.util.Optional;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.EraseCandidate;
import nl.kassier.ledger.core.privacy.ErasureReceipt;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import nl.kassier.ledger.projections.budget.ReservationQueries;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SZW erases a candidate: the keys under which their personal data was sealed are destroyed, and from then on no
 * response, read model, event payload or export holds their pseudonym, job loss date or description. Every figure and
 * the hash chain stay as they were; the reservations show {@code "candidateRef":null,"erased":true}. A second request
 * for a candidate with nothing left to destroy answers the same and records nothing.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ErasureController {

    private final Commands commands;
    private final JdbcPersonalDataVault vault;
    private final ReservationQueries reservations;

    public ErasureController(Commands commands, JdbcPersonalDataVault vault, ReservationQueries reservations) {
        this.commands = commands;
        this.vault = vault;
        this.reservations = reservations;
    }

    /** {@code {"reason":"…"}}: why, in words that name no one (the reason is recorded in the event). */
    record ErasureBody(Reason reason) {}

    /** What the erasure did: the candidate's reservations, kept with every figure, now without personal data. */
    record Erasure(boolean erased, long reservations, int keysDestroyed, boolean recorded) {}

    @PostMapping(path = "/candidates/{ref}/erasure")
    public Erasure erase(
            @PathVariable String ref,
            @RequestBody(required = false) ErasureBody body,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.SZW);
        Validation v = new Validation();
        Optional<String> problem = CandidateRef.problem(ref);
        problem.ifPresent(message -> v.fail("ref", message));
        if (v.required("reason", body == null ? null : body.reason())
                && body.reason()
                        .value()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(ref.toLowerCase(java.util.Locale.ROOT))) {
            // The reason is recorded in the clear, for good: it must not name the candidate it forgets.
            v.fail("reason", "names the candidate: give the reason without the pseudonym");
        }
        v.throwIfInvalid();
        CandidateId candidate = vault.candidateOf(new CandidateRef(ref));
        long held = reservations.countForCandidate(candidate);
        if (held == 0 && !vault.knows(candidate)) {
            throw new LedgerRejection(LedgerErrorCode.NOT_FOUND, "the ledger holds no reservation for this candidate");
        }
        EraseCandidate command = new EraseCandidate(candidate, body.reason(), Access.actor(user));
        ErasureReceipt receipt = commands.send(command, command.erasureId());
        return new Erasure(true, held, receipt.keysDestroyed(), receipt.recorded());
    }
}
