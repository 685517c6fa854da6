package nl.kassier.ledger.api.consistency;

import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command, surfaces a domain refusal as the {@link LedgerRejection} it is, and returns only once the read
 * models show the command's effect.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final ProjectionBarrier barrier;

    public Commands(CommandGateway gateway, ProjectionBarrier barrier) {
        this.gateway = gateway;
        this.barrier = barrier;
    }

    /** Sends {@code command} to the aggregate {@code aggregateId} and waits for the read models to follow. */
    public <R> R send(Object command, String aggregateId) {
        R result = dispatch(command);
        barrier.awaitAggregate(aggregateId);
        return result;
    }

    /**
     * Sends {@code command} and waits until its consequences have settled too: the processors that act on its events
     * (the budgets adopting an amendment) and the read models of what they recorded.
     */
    public <R> R sendAndSettle(Object command, String aggregateId) {
        R result = dispatch(command);
        barrier.awaitAggregate(aggregateId);
        barrier.awaitEverything();
        return result;
    }

    private <R> R dispatch(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (CommandExecutionException failure) {
            throw Failures.rejection(failure).map(RuntimeException.class::cast).orElse(failure);
        }
    }
}
