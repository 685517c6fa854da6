package nl.kassier.ledger.api.consistency;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.infra.eventstore.SqlFailures;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Group commit (docs/adr/0009): the commands that arrive while a batch commits are decided one after another, each on
 * the state the ones before it left, and committed together in one transaction; every caller is answered only after
 * that commit, refusals included. One writer thread per node takes whatever is waiting, up to the batch maximum
 * commands, without lingering for more: under no load a command is a batch of one, exactly as before.
 *
 * <p>Each command runs as a nested unit of work of the batch's root, on Axon's own {@link CommandBus}: the root holds
 * the budgets it loaded, so a second command on a budget sees the first's events, and appends every event in one JDBC
 * batch when it prepares to commit. A refusal ({@link LedgerRejection}) is decided before anything is applied, and
 * does not roll its unit of work back ({@link #REFUSALS_COMMIT}): a rollback would evict the budget from the root and
 * from the cache, and the next command of the batch would reload it without the batch's earlier, not yet appended,
 * events. Any other failure - an exception in a handler, a lost race with another node, a failed commit - rolls the
 * whole batch back and decides each of its commands again, alone, in a transaction of its own: nobody is ever
 * answered from a decision that was not committed. When the database cannot be reached, the batch's commands (and
 * those left when a command alone finds it away) are all answered that it is away, at once: nothing was recorded, and
 * each of them alone would only wait for the database again.
 *
 * <p>Commands sent from inside a unit of work (an event processor adopting an amendment) join that unit of work as
 * they always did, on the sending thread.
 */
public final class GroupCommit implements CommandBus {

    /** Commands are rolled back for anything but a refusal, which the handlers throw before they apply an event. */
    public static final RollbackConfiguration REFUSALS_COMMIT =
            failure -> !isRefusal(failure) && RollbackConfigurationType.ANY_THROWABLE.rollBackOn(failure);

    /** A refusal by the domain, or a budget that does not exist: decided before anything was applied. */
    static boolean isRefusal(Throwable failure) {
        return failure instanceof LedgerRejection || failure instanceof AggregateNotFoundException;
    }

    static final String BATCHES = "ledger.command.batch.size";
    static final String REDECIDED = "ledger.command.batch.redecided";

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final CommandBus local;
    private final TransactionManager transactions;
    private final int batchMax;
    private final BlockingQueue<Pending<?, ?>> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final DistributionSummary batchSizes;
    private final Counter redecided;
    private volatile boolean stopping;

    /**
     * @param local Axon's bus that handles each command, configured with {@link #REFUSALS_COMMIT}
     * @param transactions the transactions of the event store, one per batch
     * @param batchMax the most commands decided and committed together
     */
    public GroupCommit(CommandBus local, TransactionManager transactions, int batchMax, MeterRegistry registry) {
        if (batchMax < 1) {
            throw new IllegalArgumentException("a batch holds at least one command, not " + batchMax);
        }
        this.local = local;
        this.transactions = transactions;
        this.batchMax = batchMax;
        this.batchSizes = DistributionSummary.builder(BATCHES)
                .description("Commands decided and committed together in one transaction")
                .register(registry);
        this.redecided = Counter.builder(REDECIDED)
                .description("Batches rolled back by a failure other than a refusal, whose commands were then decided"
                        + " again one by one")
                .register(registry);
        this.writer = new Thread(this::write, "group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted() || stopping) {
            local.dispatch(command, callback);
            return;
        }
        Pending<C, R> pending = new Pending<>(command, callback);
        waiting.add(pending);
        if (stopping && waiting.remove(pending)) {
            // The writer may have finished between the check and the add: nobody else will take it.
            pending.alone();
        }
    }

    /**
     * Stops taking commands into batches once those waiting have been decided and answered; a command sent after this
     * is handled on its sender's thread.
     */
    public void stop() {
        stopping = true;
        try {
            writer.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever came in between the last batch and the flag (none, unless the writer was stuck).
        List<Pending<?, ?>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(Pending::alone);
    }

    private void write() {
        List<Pending<?, ?>> batch = new ArrayList<>(batchMax);
        while (!stopping || !waiting.isEmpty()) {
            try {
                Pending<?, ?> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, batchMax - 1);
                decide(batch);
            } catch (InterruptedException e) {
                // Only the loop's condition ends the writer.
            } catch (Throwable unexpected) {
                // decide() answers every command; this is a fault of the writer itself, or an Error (out of memory)
                // that Axon's units of work do not handle. Whoever is not answered yet is answered with it, and
                // whatever the batch left on this thread is rolled back, so that the next batch starts clean.
                LOG.error("group commit writer failed on a batch of {}", batch.size(), unexpected);
                abandonUnitsOfWork(unexpected);
                batch.forEach(p -> p.fail(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    /** Rolls back and clears every unit of work still current on the writer's thread. */
    private static void abandonUnitsOfWork(Throwable cause) {
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            try {
                if (unitOfWork.isActive() && unitOfWork.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
                    unitOfWork.rollback(cause);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not roll back a unit of work left by a failed batch", e);
            } finally {
                if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == unitOfWork) {
                    CurrentUnitOfWork.clear(unitOfWork);
                }
            }
        }
    }

    /** Decides {@code batch} in one transaction and answers each command after its commit. */
    private void decide(List<Pending<?, ?>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            batch.get(0).alone();
            return;
        }
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>(batch.size()));
        Throwable failure = null;
        try {
            root.attachTransaction(transactions);
            for (Pending<?, ?> pending : batch) {
                failure = pending.decideNested();
                if (failure != null) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            try {
                // Answered first after the commit, before the snapshots the commit may take.
                root.afterCommit(u -> batch.forEach(Pending::answer));
                root.commit();
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
        } else if (root.isActive()) {
            root.rollback(failure);
        }
        redecided.increment();
        LOG.debug("a batch of {} commands did not commit; deciding each again", batch.size(), failure);
        if (isConnectionLost(failure)) {
            // Nothing was recorded, and each command alone would only wait for the database again.
            Throwable away = failure;
            batch.forEach(pending -> pending.fail(away));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Throwable alone = batch.get(i).alone();
            if (alone != null && isConnectionLost(alone)) {
                batch.subList(i + 1, batch.size()).forEach(pending -> pending.fail(alone));
                return;
            }
        }
    }

    /**
     * The database cannot be reached: no connection, or the one in use broke. Not a deadlock or a lock timeout, after
     * which the other commands of the batch are decided again.
     */
    private static boolean isConnectionLost(Throwable failure) {
        return SqlFailures.isConnectionFailure(failure)
                || Failures.causes(failure)
                        .anyMatch(t -> t instanceof CannotGetJdbcConnectionException
                                || t instanceof CannotCreateTransactionException);
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return local.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return local.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return local.registerDispatchInterceptor(dispatchInterceptor);
    }

    /** A command waiting for its batch, with its caller and, once decided in a batch, the answer held back. */
    private final class Pending<C, R> {

        private final CommandMessage<C> command;
        private final CommandCallback<? super C, ? super R> callback;
        private CommandResultMessage<? extends R> held;
        private boolean answered;

        Pending(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            this.command = command;
            this.callback = callback;
        }

        /**
         * Decides the command inside the batch's root and holds its answer; returns the failure, other than a refusal,
         * for which the batch cannot commit, or null.
         */
        Throwable decideNested() {
            held = null;
            local.<C, R>dispatch(command, (message, result) -> held = result);
            if (held == null) {
                return new IllegalStateException("no answer from the command bus to " + command.getCommandName());
            }
            return held.isExceptional() && !isRefusal(held.exceptionResult()) ? held.exceptionResult() : null;
        }

        /** Gives the answer held back, once the batch has committed. */
        void answer() {
            answered = true;
            try {
                callback.onResult(command, held);
            } catch (RuntimeException e) {
                LOG.warn("a caller's callback failed on its answer", e);
            }
        }

        /**
         * Decides the command in a transaction of its own and answers it; returns its failure, if any. Axon's bus
         * throws, instead of answering, when it cannot even begin the transaction: that is answered here.
         */
        Throwable alone() {
            Throwable[] failure = {null};
            boolean[] called = {false};
            try {
                local.<C, R>dispatch(command, (message, result) -> {
                    called[0] = true;
                    answered = true;
                    if (result.isExceptional()) {
                        failure[0] = result.exceptionResult();
                    }
                    callback.onResult(message, result);
                });
            } catch (RuntimeException notBegun) {
                if (!called[0]) {
                    answered = true;
                    callback.onResult(command, asCommandResultMessage(notBegun));
                }
                return notBegun;
            }
            return failure[0];
        }

        void fail(Throwable failure) {
            if (!answered) {
                answered = true;
                callback.onResult(command, asCommandResultMessage(failure));
            }
        }
    }
}
