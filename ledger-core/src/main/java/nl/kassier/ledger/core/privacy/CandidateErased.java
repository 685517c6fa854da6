package nl.kassier.ledger.core.privacy;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/**
 * A candidate's personal data was forgotten: {@code keysDestroyed} keys, under which it was sealed, no longer exist.
 * Names the candidate only by the ledger's id for them, never by anything personal; every figure and the hash chain
 * stay as they were.
 */
@Revision("1")
public record CandidateErased(String erasureId, CandidateId candidate, int keysDestroyed, Reason reason, Actor actor)
        implements ErasureEvent {}
