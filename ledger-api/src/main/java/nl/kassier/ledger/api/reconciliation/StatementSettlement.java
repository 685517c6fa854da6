package nl.kassier.ledger.api.reconciliation;

import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.SettlePayment;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome;
import nl.kassier.ledger.core.reconciliation.StatementImported;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings what an imported statement showed to the budgets that hold the payments: each matched payment and each amount
 * difference becomes a {@link SettlePayment} for the payment's budget, which records the settlement or the
 * discrepancy in the reservation's history. The commands join this processor's transaction, so a statement's
 * settlements are recorded together with the processor's position, or not at all and tried again. A budget
 * recognises a statement entry it has seen, so a replay records nothing twice.
 */
@Component
@ProcessingGroup(StatementSettlement.PROCESSING_GROUP)
public class StatementSettlement {

    public static final String PROCESSING_GROUP = "statement-settlement";

    private static final Logger LOG = LoggerFactory.getLogger(StatementSettlement.class);

    private final CommandGateway commands;

    public StatementSettlement(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(StatementImported event) {
        ReconciliationOutcome outcome = event.outcome();
        String statementId = event.statement().statementId();
        for (ReconciliationOutcome.Matched m : outcome.matched()) {
            settle(SettlePayment.of(
                    m.reservationId(),
                    new PaymentId(m.paymentId()),
                    event.reconciliationId(),
                    statementId,
                    m.entryReference(),
                    m.bookingDate(),
                    m.amount(),
                    event.actor()));
        }
        for (ReconciliationOutcome.AmountDifference d : outcome.amountDifferences()) {
            settle(SettlePayment.of(
                    d.reservationId(),
                    new PaymentId(d.paymentId()),
                    event.reconciliationId(),
                    statementId,
                    d.entryReference(),
                    d.bookingDate(),
                    d.bankAmount(),
                    event.actor()));
        }
    }

    /**
     * A refusal is final and stays in the log: only a race between two statements showing the same payment leads here
     * (the second is refused by the budget, and its report says the payment was matched).
     */
    private void settle(SettlePayment command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException failure) {
            LedgerRejection rejection = Failures.rejection(failure).orElseThrow(() -> failure);
            LOG.warn(
                    "statement entry {} of {} not settled on {}: {} {}",
                    command.entryReference(),
                    command.reconciliationId(),
                    command.paymentId(),
                    rejection.code(),
                    rejection.getMessage());
        }
    }
}
