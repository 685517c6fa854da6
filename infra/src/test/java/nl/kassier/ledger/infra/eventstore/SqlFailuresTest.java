package nl.kassier.ledger.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** How the ledger reads PostgreSQL's failures, as the driver and the pool report them. */
class SqlFailuresTest {

    @Test
    void findsAUniqueViolationInsideAFailedBatch() {
        // The driver reports a failed batch entry generically and puts the reason in the next exception.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        RuntimeException wrapped = new RuntimeException("append failed", batch);

        assertThat(SqlFailures.isUniqueViolation(wrapped)).isTrue();
        assertThat(new PostgresDuplicateKeyResolver().isDuplicateKeyViolation(wrapped))
                .isTrue();
        assertThat(SqlFailures.isConnectionFailure(wrapped)).isFalse();
    }

    @Test
    void doesNotTakeAnotherConstraintOrErrorForADuplicate() {
        assertThat(SqlFailures.isUniqueViolation(new SQLException("check constraint", "23514")))
                .isFalse();
        assertThat(SqlFailures.isUniqueViolation(new RuntimeException("no SQL here")))
                .isFalse();
        assertThat(SqlFailures.isUniqueViolation(new SQLException("no state"))).isFalse();
    }

    @Test
    void recognisesTheDatabaseBeingAway() {
        // A broken connection (class 08), a pool timing out, a socket failing under the driver.
        assertThat(SqlFailures.isConnectionFailure(new SQLException("I/O error", "08006")))
                .isTrue();
        assertThat(SqlFailures.isConnectionFailure(new SQLTransientConnectionException("timed out")))
                .isTrue();
        assertThat(SqlFailures.isConnectionFailure(
                        new RuntimeException(new SQLException("I/O", null, new SocketException("Broken pipe")))))
                .isTrue();
        // PostgreSQL ending the session, and the pool's closed proxy after it did.
        assertThat(SqlFailures.isConnectionFailure(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(SqlFailures.isConnectionFailure(new RuntimeException(new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(SqlFailures.isConnectionFailure(new SQLException("Connection is closed", "42601")))
                .isFalse();
        assertThat(SqlFailures.isConnectionFailure(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(SqlFailures.isConnectionFailure(new SQLException("duplicate", "23505")))
                .isFalse();
    }
}
