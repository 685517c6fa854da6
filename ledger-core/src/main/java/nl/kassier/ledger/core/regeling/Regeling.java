package nl.kassier.ledger.core.regeling;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The regeling (BWBR0044968) as the ledger knows it: every version SZW published, in the order recorded. One
 * instance, so that publishing is serialised and an amendment id can never be recorded twice.
 */
public class Regeling {

    /** The identifier of the regeling in the basis wettenbestand. */
    public static final String ID = "BWBR0044968";

    @AggregateIdentifier
    private String regelingId;

    private RegelingHistory history = RegelingHistory.empty();

    protected Regeling() {
        // For Axon: the state is rebuilt from the events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishAmendment command, Clock clock) {
        apply(AmendmentRules.decide(history, command, LocalDate.now(clock)));
    }

    @EventSourcingHandler
    void on(AmendmentPublished event) {
        regelingId = event.regelingId();
        history = history.with(event.amendment());
    }
}
