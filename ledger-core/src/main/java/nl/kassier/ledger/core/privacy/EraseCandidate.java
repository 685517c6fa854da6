package nl.kassier.ledger.core.privacy;

import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SZW honours a request for erasure (AVG art. 17): the candidate's personal data is to be forgotten. */
public record EraseCandidate(CandidateId candidate, Reason reason, Actor actor) {

    public EraseCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }

    @TargetAggregateIdentifier
    public String erasureId() {
        return CandidateErasure.idOf(candidate);
    }
}
