package nl.kassier.ledger.projections.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows gathered column by column and written by one statement, whatever their number: each column goes to PostgreSQL
 * as one array parameter and {@code unnest} turns the arrays back into rows. A JDBC batch binds every value of every
 * row and PostgreSQL plans each multi-row insert anew; a replay of the stream writes a million rows, and this way it
 * spends its time storing them.
 *
 * <p>The statement names the rows {@code SELECT * FROM {@value #ROWS}}: for example {@code INSERT INTO t (a, b) SELECT *
 * FROM :rows ON CONFLICT DO NOTHING}. Times travel as ISO-8601 instants and dates as ISO dates, so that no time zone
 * of the JVM or the session can shift them.
 */
final class ColumnRows {

    /** Where the statement takes the rows. */
    static final String ROWS = ":rows";

    private final String sql;
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();
    private int size;

    /**
     * @param sql the statement, with {@value #ROWS} where the rows go
     * @param types the PostgreSQL type of each column, in order: {@code varchar}, {@code int4}, {@code int8},
     *     {@code bool}, {@code date}, {@code timestamptz}
     */
    ColumnRows(String sql, String... types) {
        if (!sql.contains(ROWS)) {
            throw new IllegalArgumentException("the statement takes no rows: " + sql);
        }
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        for (String type : types) {
            arrays.add("?::" + type + "[]");
            columns.add(new ArrayList<>());
        }
        this.sql = sql.replace(ROWS, arrays.toString());
        this.types = types.clone();
    }

    /** Adds a row: one value per column, in order; {@code null} is SQL's NULL. */
    void add(Object... values) {
        if (values.length != types.length) {
            throw new IllegalArgumentException(
                    "a row of " + values.length + " values for " + types.length + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i] == null ? null : values[i].toString());
        }
        size++;
    }

    /** Writes the rows, if there are any, in the caller's transaction. */
    void write(JdbcTemplate jdbc) {
        if (size > 0) {
            jdbc.update(this::statement);
        }
    }

    private PreparedStatement statement(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < types.length; i++) {
            statement.setArray(
                    i + 1, connection.createArrayOf(types[i], columns.get(i).toArray()));
        }
        return statement;
    }
}
