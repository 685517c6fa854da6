package nl.kassier.ledger.api.statement;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.web.Csv;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.projections.statement.NationalStatement;
import nl.kassier.ledger.projections.statement.Statement;

/**
 * A statement as CSV for a spreadsheet: a header, then per cap line one row with the line's figures ({@code budget}
 * empty) followed by one row per budget type inside it. Every row names the statement (region, year, legal date,
 * status) and the chain position and hash and the ledger's instant ({@code asOf}) it was drawn at, so that a sheet keeps them when its rows are sorted. The
 * national statement has its national lines first (region {@code NL}), then every region's.
 */
final class StatementCsv {

    static final String HEADER = "region,year,on,status,budgets,budget,cap,allocated,requested,reserved,committed,paid,"
            + "released,available,overspent,position,chainHead,asOf";

    private StatementCsv() {}

    static String of(Statement statement) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        rows(csv, statement);
        return csv.toString();
    }

    static String of(NationalStatement national) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        String position = String.valueOf(national.position());
        for (NationalStatement.Line line : national.lines()) {
            String budgets = budgets(line.budgets());
            Csv.line(
                    csv,
                    "NL",
                    String.valueOf(national.year()),
                    String.valueOf(national.on()),
                    null,
                    budgets,
                    null,
                    Csv.amount(line.cap()),
                    Csv.amount(line.allocated()),
                    Csv.amount(line.requested()),
                    Csv.amount(line.reserved()),
                    Csv.amount(line.committed()),
                    Csv.amount(line.paid()),
                    Csv.amount(line.released()),
                    Csv.amount(line.available()),
                    String.valueOf(line.overspent()),
                    position,
                    national.chainHead(),
                    asOf(national.asOf()));
            typeRows(
                    csv,
                    "NL",
                    national.year(),
                    String.valueOf(national.on()),
                    null,
                    budgets,
                    line.byBudgetType(),
                    position,
                    national.chainHead(),
                    asOf(national.asOf()));
        }
        for (Statement region : national.regions()) {
            rows(csv, region);
        }
        return csv.toString();
    }

    private static void rows(StringBuilder csv, Statement statement) {
        String region = statement.region().value();
        String on = String.valueOf(statement.on());
        String status = statement.status().name();
        String position = String.valueOf(statement.position());
        for (Statement.Line line : statement.lines()) {
            String budgets = budgets(line.budgets());
            Csv.line(
                    csv,
                    region,
                    String.valueOf(statement.year()),
                    on,
                    status,
                    budgets,
                    null,
                    Csv.amount(line.cap()),
                    null,
                    Csv.amount(line.requested()),
                    Csv.amount(line.reserved()),
                    Csv.amount(line.committed()),
                    Csv.amount(line.paid()),
                    Csv.amount(line.released()),
                    Csv.amount(line.available()),
                    String.valueOf(line.overspent()),
                    position,
                    statement.chainHead(),
                    asOf(statement.asOf()));
            typeRows(
                    csv,
                    region,
                    statement.year(),
                    on,
                    status,
                    budgets,
                    line.byBudgetType(),
                    position,
                    statement.chainHead(),
                    asOf(statement.asOf()));
        }
    }

    private static void typeRows(
            StringBuilder csv,
            String region,
            int year,
            String on,
            String status,
            String budgets,
            List<Statement.ByBudgetType> types,
            String position,
            String chainHead,
            String asOf) {
        for (Statement.ByBudgetType type : types) {
            Csv.line(
                    csv,
                    region,
                    String.valueOf(year),
                    on,
                    status,
                    budgets,
                    type.budget().name(),
                    null,
                    null,
                    Csv.amount(type.requested()),
                    Csv.amount(type.reserved()),
                    Csv.amount(type.committed()),
                    Csv.amount(type.paid()),
                    Csv.amount(type.released()),
                    null,
                    null,
                    position,
                    chainHead,
                    asOf);
        }
    }

    /** The ledger's instant the statement was drawn at; empty for one drawn from an export. */
    private static String asOf(Instant asOf) {
        return asOf == null ? null : asOf.toString();
    }

    /** The budget types of a line, joined with {@code +}. */
    static String budgets(List<BudgetType> budgets) {
        return budgets.stream().map(BudgetType::name).collect(Collectors.joining("+"));
    }
}
