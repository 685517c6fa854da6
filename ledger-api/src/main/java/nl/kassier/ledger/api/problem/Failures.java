package nl.kassier.ledger.api.problem;

import java.net.ConnectException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.infra.eventstore.SqlFailures;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one reading of what went wrong (docs/adr/0003), for the command retries, the problem answers and the processes
 * that send commands: a refusal by the domain (final, the caller's to mend), the database away (transient, answered
 * at once), a race for an aggregate lost to another node (transient, retried), or anything else (a fault). A refusal
 * is found wherever it sits in the cause chain, also inside Axon's {@code CommandExecutionException}, which carries it
 * as its details.
 */
public final class Failures {

    /** The kinds of failure, in the order they are looked for. */
    public enum Kind {
        REFUSED,
        DATABASE_AWAY,
        LOST_RACE,
        UNEXPECTED
    }

    private Failures() {}

    public static Kind classify(Throwable failure) {
        if (rejection(failure).isPresent()) {
            return Kind.REFUSED;
        }
        if (isDatabaseAway(failure)) {
            return Kind.DATABASE_AWAY;
        }
        return isLostRace(failure) ? Kind.LOST_RACE : Kind.UNEXPECTED;
    }

    /** The domain's refusal behind {@code failure}, if it is one. */
    public static Optional<LedgerRejection> rejection(Throwable failure) {
        return causes(failure)
                .map(t -> t instanceof CommandExecutionException execution
                        ? execution.getDetails().orElse(t)
                        : t)
                .filter(LedgerRejection.class::isInstance)
                .map(LedgerRejection.class::cast)
                .findFirst();
    }

    /**
     * The database could not be reached or the connection broke: also a transaction that could be neither committed
     * nor rolled back (what the connection pool reports once it has closed a broken connection under it).
     */
    public static boolean isDatabaseAway(Throwable failure) {
        return SqlFailures.isConnectionFailure(failure)
                || causes(failure)
                        .anyMatch(t -> t instanceof CannotGetJdbcConnectionException
                                || t instanceof DataAccessResourceFailureException
                                || t instanceof TransientDataAccessException
                                || t instanceof TransactionSystemException
                                || t instanceof ConnectException);
    }

    /**
     * Another transaction got there first: another node appended the aggregate's next event (or created its stream),
     * or committed the same unique row (a payment id's idempotency key). The command saw a stale state; run again, it
     * sees the winner's.
     */
    public static boolean isLostRace(Throwable failure) {
        return causes(failure)
                .anyMatch(cause -> cause instanceof ConcurrencyException
                        || cause instanceof AggregateStreamCreationException
                        || cause instanceof DuplicateKeyException);
    }

    /** {@code failure} and its causes, outermost first. */
    public static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
