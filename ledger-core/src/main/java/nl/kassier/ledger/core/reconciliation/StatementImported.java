package nl.kassier.ledger.core.reconciliation;

import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.serialization.Revision;

/**
 * A bank statement was imported and matched: the statement's entries as the bank reported them, the outcome, and a
 * digest of the statement by which a second import of it is recognised.
 */
@Revision("1")
public record StatementImported(
        String reconciliationId,
        BankStatement statement,
        String fingerprint,
        ReconciliationOutcome outcome,
        Actor actor)
        implements ReconciliationEvent {}
