package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.amendment.AmendmentQueries;
import nl.kassier.ledger.projections.amendment.RecordedAmendment;
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
        RegelingHistory law = RegelingHistory.of(
                amendments.all().stream().map(RecordedAmendment::amendment).toList());
        return BudgetView.compute(region, year, now, law, today, usage(region, year));
    }

    private Map<BudgetType, Usage> usage(RegionCode region, int year) {
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        jdbc.query(
                "SELECT budget_type, requested_cents, reserved_cents, committed_cents, paid_cents FROM budget_usage"
                        + " WHERE region = ? AND year = ?",
                rs -> {
                    usage.put(
                            BudgetType.valueOf(rs.getString("budget_type")),
                            new Usage(
                                    Money.ofCents(rs.getLong("requested_cents")),
                                    Money.ofCents(rs.getLong("reserved_cents")),
                                    Money.ofCents(rs.getLong("committed_cents")),
                                    Money.ofCents(rs.getLong("paid_cents"))));
                },
                region.value(),
                year);
        return usage;
    }
}
