package nl.kassier.ledger.projections.budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.amendment.AmendmentQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A region's budget for a year as a coördinator sees it: the cap lines in force today with the region's allocation
 * under each, and what the budget types of each line have drawn.
 */
@Component
public class BudgetQueries {

    private final JdbcTemplate jdbc;
    private final AmendmentQueries amendments;

    public BudgetQueries(JdbcTemplate jdbc, AmendmentQueries amendments) {
        this.jdbc = jdbc;
        this.amendments = amendments;
    }

    public BudgetView budget(RegionCode region, int year, LocalDate today, Instant now) {
        RegelingHistory law = amendments.law();
        return BudgetView.compute(region, year, now, status(region, year), law, today, usage(region, year));
    }

    /** Where the budget year stands: OPEN until it is closed. */
    public BudgetStatus status(RegionCode region, int year) {
        return jdbc
                .queryForList(
                        "SELECT status FROM budget_status WHERE region = ? AND year = ?",
                        String.class,
                        region.value(),
                        year)
                .stream()
                .findFirst()
                .map(BudgetStatus::valueOf)
                .orElse(BudgetStatus.OPEN);
    }

    /**
     * Every region's budget for every year that has use recorded, as {@link #budget} computes each: what the meters
     * show. One reading of the read model and of the regeling for all of them.
     */
    public List<BudgetView> budgetsInUse(LocalDate today, Instant now) {
        RegelingHistory law = amendments.law();
        Map<String, Map<BudgetType, Usage>> usageByBudget = new TreeMap<>();
        jdbc.query(
                "SELECT region, year, budget_type, requested_cents, reserved_cents, committed_cents, paid_cents"
                        + " FROM budget_usage",
                rs -> {
                    usageByBudget
                            .computeIfAbsent(
                                    rs.getString("region") + "_" + rs.getInt("year"),
                                    key -> new EnumMap<>(BudgetType.class))
                            .put(BudgetType.valueOf(rs.getString("budget_type")), usage(rs));
                });
        List<BudgetView> views = new ArrayList<>();
        usageByBudget.forEach((key, usage) -> {
            int separator = key.lastIndexOf('_');
            RegionCode region = new RegionCode(key.substring(0, separator));
            int year = Integer.parseInt(key.substring(separator + 1));
            views.add(BudgetView.compute(region, year, now, BudgetStatus.OPEN, law, today, usage));
        });
        return views;
    }

    private Map<BudgetType, Usage> usage(RegionCode region, int year) {
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        jdbc.query(
                "SELECT budget_type, requested_cents, reserved_cents, committed_cents, paid_cents FROM budget_usage"
                        + " WHERE region = ? AND year = ?",
                rs -> {
                    usage.put(BudgetType.valueOf(rs.getString("budget_type")), usage(rs));
                },
                region.value(),
                year);
        return usage;
    }

    private static Usage usage(ResultSet rs) throws SQLException {
        return new Usage(
                Money.ofCents(rs.getLong("requested_cents")),
                Money.ofCents(rs.getLong("reserved_cents")),
                Money.ofCents(rs.getLong("committed_cents")),
                Money.ofCents(rs.getLong("paid_cents")));
    }
}
