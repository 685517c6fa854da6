package nl.kassier.ledger.core.reconciliation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One bank statement's reconciliation, identified by its account and statement id. It is recorded once: importing
 * the same statement again records nothing and answers with the first import, so a kassier may retry freely. A file
 * that carries the same account and statement id but other entries is not the same statement, and is refused.
 */
public class Reconciliation {

    @AggregateIdentifier
    private String reconciliationId;

    private String fingerprint;

    protected Reconciliation() {
        // For Axon: the state is rebuilt from the events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportReceipt handle(ImportStatement command) {
        String digest = command.statement().fingerprint();
        if (fingerprint != null) {
            if (!fingerprint.equals(digest)) {
                throw new LedgerRejection(
                        LedgerErrorCode.DUPLICATE,
                        "statement " + command.statement().statementId() + " of "
                                + command.statement().account() + " was imported before with other entries");
            }
            return new ImportReceipt(reconciliationId, false);
        }
        apply(new StatementImported(
                command.reconciliationId(), command.statement(), digest, command.outcome(), command.actor()));
        return new ImportReceipt(command.reconciliationId(), true);
    }

    @EventSourcingHandler
    void on(StatementImported event) {
        reconciliationId = event.reconciliationId();
        fingerprint = event.fingerprint();
    }
}
