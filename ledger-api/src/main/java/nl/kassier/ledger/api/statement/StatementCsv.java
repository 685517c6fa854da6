package nl.kassier.ledger.api.statement;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.web.Csv;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.statement.LineFigures;
import nl.kassier.ledger.projections.statement.NationalStatement;
import nl.kassier.ledger.projections.statement.Statement;

/**
 * A statement as CSV for a spreadsheet: a header, then per cap line one row with the line's figures ({@code budget}
 * empty) followed by one row per budget type inside it. Every row names the statement (region, year, legal date,
 * status) and the chain position and hash and the ledger's instant ({@code asOf}) it was drawn at, so that a sheet
 * keeps them when its rows are sorted. The national statement has its national lines first (region {@code NL}), then
 * every region's.
 */
final class StatementCsv {

    static final String HEADER = "region,year,on,status,budgets,budget,cap,allocated,requested,reserved,committed,paid,"
            + "released,available,overspent,position,chainHead,asOf";

    private StatementCsv() {}

    /** What every row of one statement names. */
    private record Drawn(
            String region, int year, String on, String status, long position, String chainHead, Instant asOf) {}

    static String of(Statement statement) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        rows(csv, statement);
        return csv.toString();
    }

    static String of(NationalStatement national) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        Drawn drawn = new Drawn(
                "NL",
                national.year(),
                String.valueOf(national.on()),
                null,
                national.position(),
                national.chainHead(),
                national.asOf());
        for (NationalStatement.Line line : national.lines()) {
            lineRows(csv, drawn, line, line.allocated());
        }
        for (Statement region : national.regions()) {
            rows(csv, region);
        }
        return csv.toString();
    }

    private static void rows(StringBuilder csv, Statement statement) {
        Drawn drawn = new Drawn(
                statement.region().value(),
                statement.year(),
                String.valueOf(statement.on()),
                statement.status().name(),
                statement.position(),
                statement.chainHead(),
                statement.asOf());
        for (Statement.Line line : statement.lines()) {
            lineRows(csv, drawn, line, null);
        }
    }

    /** A line's row, then one row per budget type inside it. */
    private static void lineRows(StringBuilder csv, Drawn drawn, LineFigures line, Money allocated) {
        String budgets = budgets(line.budgets());
        row(
                csv,
                drawn,
                budgets,
                null,
                Csv.amount(line.cap()),
                Csv.amount(allocated),
                line.requested(),
                line.reserved(),
                line.committed(),
                line.paid(),
                line.released(),
                Csv.amount(line.available()),
                String.valueOf(line.overspent()));
        for (Statement.ByBudgetType type : line.byBudgetType()) {
            row(
                    csv,
                    drawn,
                    budgets,
                    type.budget().name(),
                    null,
                    null,
                    type.requested(),
                    type.reserved(),
                    type.committed(),
                    type.paid(),
                    type.released(),
                    null,
                    null);
        }
    }

    private static void row(
            StringBuilder csv,
            Drawn drawn,
            String budgets,
            String budget,
            String cap,
            String allocated,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money released,
            String available,
            String overspent) {
        Csv.line(
                csv,
                drawn.region(),
                String.valueOf(drawn.year()),
                drawn.on(),
                drawn.status(),
                budgets,
                budget,
                cap,
                allocated,
                Csv.amount(requested),
                Csv.amount(reserved),
                Csv.amount(committed),
                Csv.amount(paid),
                Csv.amount(released),
                available,
                overspent,
                String.valueOf(drawn.position()),
                drawn.chainHead(),
                drawn.asOf() == null ? null : drawn.asOf().toString());
    }

    /** The budget types of a line, joined with {@code +}. */
    static String budgets(List<BudgetType> budgets) {
        return budgets.stream().map(BudgetType::name).collect(Collectors.joining("+"));
    }
}
