package nl.kassier.ledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** The one reading of a failure, wherever it is wrapped: what the gateway retries and what the caller is told. */
class FailuresTest {

    private static Throwable wrapped(Throwable cause) {
        return new CommandExecutionException("the command failed", new IllegalStateException(cause));
    }

    @Test
    void aRefusalByTheDomainIsRefused() {
        assertThat(Failures.classify(wrapped(new LedgerRejection(LedgerErrorCode.CAP_EXCEEDED, "full"))))
                .isEqualTo(Failures.Kind.REFUSED);
    }

    @Test
    void aConnectionThatBrokeOrATransactionThatCouldNotEndIsTheDatabaseAway() {
        assertThat(Failures.classify(wrapped(new CannotGetJdbcConnectionException("pool timed out"))))
                .isEqualTo(Failures.Kind.DATABASE_AWAY);
        assertThat(Failures.classify(wrapped(new SQLException("terminating connection", "08006"))))
                .isEqualTo(Failures.Kind.DATABASE_AWAY);
        assertThat(Failures.classify(wrapped(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed")))))
                .isEqualTo(Failures.Kind.DATABASE_AWAY);
    }

    @Test
    void anotherTransactionFirstIsALostRace() {
        assertThat(Failures.classify(wrapped(new ConcurrencyException("sequence 7 taken"))))
                .isEqualTo(Failures.Kind.LOST_RACE);
        assertThat(Failures.classify(wrapped(new AggregateStreamCreationException("stream exists"))))
                .isEqualTo(Failures.Kind.LOST_RACE);
        assertThat(Failures.classify(wrapped(new DuplicateKeyException("idempotency key taken"))))
                .isEqualTo(Failures.Kind.LOST_RACE);
    }

    @Test
    void anythingElseIsUnexpected() {
        assertThat(Failures.classify(wrapped(new NullPointerException("a bug"))))
                .isEqualTo(Failures.Kind.UNEXPECTED);
    }
}
