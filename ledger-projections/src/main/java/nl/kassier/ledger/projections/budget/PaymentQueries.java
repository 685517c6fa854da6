package nl.kassier.ledger.projections.budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.kassier.ledger.core.budget.SettlementStatus;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The registered payments of a stretch of legal dates, page by page, as far as the reader may see them. */
@Component
public class PaymentQueries {

    private static final String COLUMNS = "p.payment_id, p.reservation_id, p.region, p.year, r.budget_type,"
            + " p.amount_cents, p.payment_date, p.invoice_ref, p.registered_at, p.registered_by, p.settlement_status,"
            + " p.settlement_reconciliation_id, p.settlement_entry, p.settlement_difference_cents, p.discrepancy_open";

    private final JdbcTemplate jdbc;

    public PaymentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which payments a reader may see: those of {@code regions} (every region when null) and, for a partner, only
     * those on reservations that a partner of {@code organisation} requested (any reservation when null), as {@code
     * Reservation.isOwnedByPartnerOf} decides who owns a reservation.
     */
    public record Scope(Set<RegionCode> regions, String organisation) {

        public static final Scope EVERYTHING = new Scope(null, null);

        public Scope {
            regions = regions == null ? null : Set.copyOf(regions);
        }

        public static Scope regions(Set<RegionCode> regions) {
            return new Scope(Objects.requireNonNull(regions, "regions"), null);
        }

        public static Scope partner(Set<RegionCode> regions, String organisation) {
            return new Scope(Objects.requireNonNull(regions, "regions"), Objects.requireNonNull(organisation));
        }
    }

    /** A page of payments; {@code number} counts from zero. */
    public record Page(List<PaymentView> items, int number, int size, long total) {}

    /**
     * The payments dated from {@code from} to {@code to} (both included) within {@code scope}: by legal date, then in
     * the order they were recorded.
     */
    public Page list(LocalDate from, LocalDate to, Scope scope, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE p.payment_date BETWEEN ? AND ?");
        List<Object> args = new ArrayList<>(List.of(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
        if (scope.regions() != null) {
            if (scope.regions().isEmpty()) {
                return new Page(List.of(), page, size, 0);
            }
            where.append(" AND p.region = ANY (string_to_array(?, ','))");
            args.add(String.join(
                    ",",
                    scope.regions().stream().map(RegionCode::value).sorted().toList()));
        }
        if (scope.organisation() != null) {
            where.append(" AND r.organisation = ? AND r.requested_by_partner");
            args.add(scope.organisation());
        }
        String tables = " FROM payment_view p JOIN reservation_view r ON r.reservation_id = p.reservation_id";
        Long total = jdbc.queryForObject("SELECT count(*)" + tables + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<PaymentView> items = jdbc.query(
                "SELECT " + COLUMNS + tables + where
                        + " ORDER BY p.payment_date, p.registered_position, p.payment_id LIMIT ? OFFSET ?",
                PaymentQueries::row,
                pageArgs.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    private static PaymentView row(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("settlement_status");
        PaymentView.Settlement settlement = null;
        if (status != null) {
            long cents = rs.getLong("settlement_difference_cents");
            Money difference = rs.wasNull() ? null : Money.ofCents(cents);
            settlement = new PaymentView.Settlement(
                    rs.getString("settlement_reconciliation_id"),
                    rs.getString("settlement_entry"),
                    SettlementStatus.valueOf(status),
                    difference);
        }
        return new PaymentView(
                rs.getString("payment_id"),
                rs.getString("reservation_id"),
                new RegionCode(rs.getString("region")),
                rs.getInt("year"),
                BudgetType.valueOf(rs.getString("budget_type")),
                Money.ofCents(rs.getLong("amount_cents")),
                rs.getObject("payment_date", LocalDate.class),
                rs.getString("invoice_ref"),
                rs.getTimestamp("registered_at").toInstant(),
                rs.getString("registered_by"),
                settlement,
                rs.getBoolean("discrepancy_open"));
    }
}
