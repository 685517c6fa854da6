package nl.kassier.ledger.core.regeling;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Texts;
import org.axonframework.serialization.Revision;

/** A version of the regeling was published and is now part of the law the ledger enforces. */
@Revision("1")
public record AmendmentPublished(String regelingId, Amendment amendment, String actor) {

    /** A publisher's name that an earlier rule let into the store is read fitted to the current one. */
    public AmendmentPublished {
        actor = Texts.repair(actor, Actor.USERNAME_LENGTH_MAX);
    }
}
