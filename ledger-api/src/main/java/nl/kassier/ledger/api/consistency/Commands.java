package nl.kassier.ledger.api.consistency;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a command, surfaces a domain refusal as the {@link LedgerRejection} it is, and returns only once the read
 * models show the command's effect.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final ProjectionBarrier barrier;
    /** How many of one caller's many commands wait at once: two batches, so that others' commands interleave. */
    private final int outstandingMax;

    public Commands(
            CommandGateway gateway, ProjectionBarrier barrier, @Value("${ledger.command-batch-max:256}") int batchMax) {
        this.gateway = gateway;
        this.barrier = barrier;
        this.outstandingMax = 2 * batchMax;
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

    /** What became of one of several commands: its result, or why it failed. */
    public record Outcome<R>(R result, Throwable failure) {}

    /**
     * Sends {@code commands}, two batches' worth at a time, so that they are decided in full batches while other
     * callers' commands still find their place in between; waits for every one, and then for the read models of
     * {@code aggregateIds} (one per command) to follow. Returns an outcome per command, in order.
     */
    public <R> List<Outcome<R>> sendAll(List<?> commands, List<String> aggregateIds) {
        List<CompletableFuture<R>> sent = new ArrayList<>(commands.size());
        for (Object command : commands) {
            if (sent.size() >= outstandingMax) {
                // Answered or failed, the command a window back is done waiting.
                sent.get(sent.size() - outstandingMax)
                        .handle((result, failure) -> null)
                        .join();
            }
            sent.add(gateway.send(command));
        }
        List<Outcome<R>> outcomes = new ArrayList<>(sent.size());
        for (CompletableFuture<R> answer : sent) {
            try {
                outcomes.add(new Outcome<>(answer.join(), null));
            } catch (CompletionException failed) {
                outcomes.add(new Outcome<>(null, failed.getCause() == null ? failed : failed.getCause()));
            }
        }
        new LinkedHashSet<>(aggregateIds).forEach(barrier::awaitAggregate);
        return outcomes;
    }

    private <R> R dispatch(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (CommandExecutionException failure) {
            throw Failures.rejection(failure).map(RuntimeException.class::cast).orElse(failure);
        }
    }
}
