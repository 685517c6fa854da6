package nl.kassier.ledger.core.privacy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The erasures of one candidate. Each request destroys the candidate's live keys through the vault, in the
 * transaction that records it; a request that finds nothing left to destroy (erased before, no reservation since)
 * records nothing and answers as done. One aggregate per candidate, so that two requests at once are recorded in order.
 */
public class CandidateErasure {

    private static final String PREFIX = "erasure_";

    @AggregateIdentifier
    private String erasureId;

    private boolean erased;

    protected CandidateErasure() {
        // For Axon: the state is rebuilt from the events.
    }

    static String idOf(CandidateId candidate) {
        return PREFIX + candidate.value();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ErasureReceipt handle(EraseCandidate command, PersonalDataVault vault) {
        int destroyed = vault.destroy(command.candidate());
        if (destroyed == 0 && erased) {
            return new ErasureReceipt(false, 0);
        }
        apply(new CandidateErased(
                command.erasureId(), command.candidate(), destroyed, command.reason(), command.actor()));
        return new ErasureReceipt(true, destroyed);
    }

    @EventSourcingHandler
    void on(CandidateErased event) {
        erasureId = event.erasureId();
        erased = true;
    }
}
