package nl.kassier.ledger.infra.eventstore;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.function.Predicate;

/**
 * What went wrong with PostgreSQL, read from a failure's whole cause chain, including the next exceptions of a failed
 * JDBC batch (where the driver puts the real reason). One reading for the event store, the command retries and the
 * error answers.
 */
public final class SqlFailures {

    static final String UNIQUE_VIOLATION = "23505";
    static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** PostgreSQL ending the session itself: shut down, crashed, or not yet taking connections (57P01-57P03). */
    static final List<String> SERVER_GOING_AWAY = List.of("57P01", "57P02", "57P03");
    /** What HikariCP's proxy says of a connection it has closed under its user (after it broke): no SQLState. */
    static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private SqlFailures() {}

    /** A unique constraint refused the write: another transaction wrote the same key first. */
    public static boolean isUniqueViolation(Throwable failure) {
        return anySql(failure, e -> UNIQUE_VIOLATION.equals(e.getSQLState()));
    }

    /**
     * The database could not be reached or the connection broke: SQLSTATE class 08, the server ending the session
     * (57P01-57P03), a pool that could not hand out a connection in time or closed the one in use after it broke, or a
     * socket that failed under the driver.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SocketException) {
                return true;
            }
        }
        return anySql(
                failure,
                e -> e instanceof SQLTransientConnectionException
                        || e instanceof SQLRecoverableException
                        || (e.getSQLState() == null
                                ? POOL_CLOSED_CONNECTION.equals(e.getMessage())
                                : e.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)
                                        || SERVER_GOING_AWAY.contains(e.getSQLState())));
    }

    private static boolean anySql(Throwable failure, Predicate<SQLException> test) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (test.test(e)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
