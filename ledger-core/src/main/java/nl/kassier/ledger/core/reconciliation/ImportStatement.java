package nl.kassier.ledger.core.reconciliation;

import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The kassier imports a bank statement, with the outcome of matching it against the ledger's payments as they stood
 * when it was read. The reconciliation records it once; the same statement again changes nothing.
 */
public record ImportStatement(
        @TargetAggregateIdentifier String reconciliationId,
        BankStatement statement,
        ReconciliationOutcome outcome,
        Actor actor) {

    public ImportStatement {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        if (!statement.reconciliationId().value().equals(reconciliationId)) {
            throw new IllegalArgumentException("the statement's reconciliation is " + statement.reconciliationId());
        }
    }

    public static ImportStatement of(BankStatement statement, ReconciliationOutcome outcome, Actor actor) {
        return new ImportStatement(statement.reconciliationId().value(), statement, outcome, actor);
    }
}
