package nl.kassier.ledger.projections.amendment;

import java.time.Instant;
import nl.kassier.ledger.core.regeling.Amendment;

/** An amendment as the ledger recorded it: its content, when, at which position of the event stream and by whom. */
public record RecordedAmendment(Amendment amendment, Instant recordedAt, long position, String actor) {}
