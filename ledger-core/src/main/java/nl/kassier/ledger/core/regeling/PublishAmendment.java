package nl.kassier.ledger.core.regeling;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SZW publishes a version of the regeling. */
public record PublishAmendment(@TargetAggregateIdentifier String regelingId, Amendment amendment, String actor) {

    public PublishAmendment {
        Objects.requireNonNull(regelingId, "regelingId");
        Objects.requireNonNull(amendment, "amendment");
        Objects.requireNonNull(actor, "actor");
    }

    public static PublishAmendment of(Amendment amendment, String actor) {
        return new PublishAmendment(Regeling.ID, amendment, actor);
    }
}
