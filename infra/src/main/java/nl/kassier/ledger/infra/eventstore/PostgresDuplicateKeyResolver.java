package nl.kassier.ledger.infra.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed because another node appended the same aggregate's next event first: PostgreSQL's
 * unique violation, found anywhere in the cause chain, including the next exception of a failed JDBC batch, where the
 * driver reports it. Axon then raises a {@code ConcurrencyException}, which is transient: the command is retried on
 * the aggregate's fresh state instead of failing with a 500.
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return SqlFailures.isUniqueViolation(exception);
    }
}
