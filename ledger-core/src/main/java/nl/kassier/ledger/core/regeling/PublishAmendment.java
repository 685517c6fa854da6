package nl.kassier.ledger.core.regeling;

import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Texts;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SZW publishes a version of the regeling. */
public record PublishAmendment(@TargetAggregateIdentifier String regelingId, Amendment amendment, String actor) {

    public PublishAmendment {
        Objects.requireNonNull(regelingId, "regelingId");
        Objects.requireNonNull(amendment, "amendment");
        actor = Texts.require(actor, Actor.USERNAME_LENGTH_MAX);
    }

    public static PublishAmendment of(Amendment amendment, String actor) {
        return new PublishAmendment(Regeling.ID, amendment, actor);
    }
}
