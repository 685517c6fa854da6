package nl.kassier.ledger.projections.budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reservations one at a time with their history, and a region's reservations page by page. */
@Component
public class ReservationQueries {

    /**
     * The columns of a reservation, with its candidate's key beside it: the personal data is opened as the row is read,
     * and is gone for every reader from the moment the key is destroyed.
     */
    private static final String COLUMNS = "r.reservation_id, r.region, r.year, r.budget_type, r.menu_item, r.status,"
            + " r.amount_cents, r.commitment_cents, r.paid_cents, r.candidate_ref, r.candidate_erased, r.personal_key,"
            + " r.personal_sealed, k.key AS personal_key_bytes,"
            + " (r.candidate_ref IS NOT NULL AND EXISTS (SELECT 1 FROM personal_data_key d WHERE d.candidate ="
            + " r.candidate AND d.destroyed_at IS NOT NULL)) AS legacy_erased,"
            + " r.organisation, r.requested_by, r.melding_date,"
            + " r.created_at, r.open_discrepancies, r.open_discrepancy_cents";

    private static final String FROM =
            " FROM reservation_view r LEFT JOIN personal_data_key k ON k.key_id = r.personal_key";

    private final JdbcTemplate jdbc;
    private final JdbcPersonalDataVault vault;

    public ReservationQueries(JdbcTemplate jdbc, JdbcPersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A page of reservations; {@code number} counts from zero. */
    public record Page(List<ReservationView> items, int number, int size, long total) {}

    public Optional<ReservationView> find(String id) {
        List<ReservationView> found =
                jdbc.query("SELECT " + COLUMNS + FROM + " WHERE r.reservation_id = ?", this::row, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ReservationView view = found.get(0);
        List<ReservationView.Step> history = jdbc.query(
                "SELECT type, at, actor, amount_cents, detail, step_date, released_cents, reason, reference, payment_id,"
                        + " invoice_ref FROM reservation_history WHERE reservation_id = ? ORDER BY event_position",
                (rs, row) -> new ReservationView.Step(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        new HistoryEntry(
                                HistoryEntry.Step.valueOf(rs.getString("type")),
                                cents(rs, "amount_cents"),
                                rs.getObject("step_date", LocalDate.class),
                                cents(rs, "released_cents"),
                                rs.getString("reason"),
                                rs.getString("reference"),
                                rs.getString("payment_id"),
                                rs.getString("invoice_ref"),
                                rs.getString("detail"))),
                id);
        return Optional.of(withHistory(view, history));
    }

    private static Money cents(ResultSet rs, String column) throws SQLException {
        long cents = rs.getLong(column);
        return rs.wasNull() ? null : Money.ofCents(cents);
    }

    /** How many reservations the ledger holds for {@code candidate}, erased or not. */
    public long countForCandidate(CandidateId candidate) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM reservation_view WHERE candidate = ?", Long.class, candidate.value());
        return count == null ? 0 : count;
    }

    /** The reservation whose id ends in {@code uuid}, in whichever budget it is. */
    public Optional<String> idEndingIn(java.util.UUID uuid) {
        return jdbc
                .queryForList(
                        "SELECT reservation_id FROM reservation_view WHERE right(reservation_id, 36) = ?",
                        String.class,
                        uuid.toString())
                .stream()
                .findFirst();
    }

    /** A page of a region's reservations in any of {@code statuses}, of one year if {@code year} is given. */
    public Page list(RegionCode region, Integer year, Set<ReservationStatus> statuses, int page, int size) {
        if (statuses.isEmpty()) {
            return new Page(List.of(), page, size, 0);
        }
        StringBuilder where = new StringBuilder(" WHERE r.region = ?");
        List<Object> args = new ArrayList<>(List.of(region.value()));
        if (year != null) {
            where.append(" AND r.year = ?");
            args.add(year);
        }
        if (statuses.size() < ReservationStatus.values().length) {
            where.append(" AND r.status IN (")
                    .append(String.join(", ", Collections.nCopies(statuses.size(), "?")))
                    .append(")");
            statuses.forEach(status -> args.add(status.name()));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM reservation_view r" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<ReservationView> items = jdbc.query(
                "SELECT " + COLUMNS + FROM + where + " ORDER BY r.created_position LIMIT ? OFFSET ?",
                this::row,
                pageArgs.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    /** The candidate's pseudonym as a response may show it, and whether the candidate was erased. */
    private record Shown(String ref, boolean erased) {}

    private Shown candidate(ResultSet rs) throws SQLException {
        String keyId = rs.getString("personal_key");
        if (keyId == null) {
            // Recorded in the clear: asked of the keys as the row is read, so that an erasure that raced a rebuild
            // of the row still holds.
            if (rs.getBoolean("candidate_erased") || rs.getBoolean("legacy_erased")) {
                return new Shown(null, true);
            }
            return new Shown(rs.getString("candidate_ref"), false);
        }
        Optional<PersonalData> opened = vault.open(
                SealedPersonalData.sealed(keyId, rs.getString("personal_sealed")), rs.getBytes("personal_key_bytes"));
        return opened.isEmpty()
                ? new Shown(null, true)
                : new Shown(
                        opened.get().ref() == null ? null : opened.get().ref().value(), false);
    }

    private ReservationView row(ResultSet rs, int row) throws SQLException {
        Shown candidate = candidate(rs);
        ReservationStatus status = ReservationStatus.valueOf(rs.getString("status"));
        Usage usage = new ReservationState(
                        status,
                        Money.ofCents(rs.getLong("amount_cents")),
                        Money.ofCents(rs.getLong("commitment_cents")),
                        Money.ofCents(rs.getLong("paid_cents")))
                .usage();
        return new ReservationView(
                rs.getString("reservation_id"),
                new RegionCode(rs.getString("region")),
                rs.getInt("year"),
                BudgetType.valueOf(rs.getString("budget_type")),
                MenuItem.valueOf(rs.getString("menu_item")),
                status,
                usage.requested(),
                usage.reserved(),
                usage.committed(),
                usage.paid(),
                candidate.ref(),
                candidate.erased(),
                rs.getString("organisation"),
                rs.getString("requested_by"),
                rs.getDate("melding_date").toLocalDate(),
                rs.getTimestamp("created_at").toInstant(),
                new OpenDiscrepancies.Summary(
                        rs.getInt("open_discrepancies"), Money.ofCents(rs.getLong("open_discrepancy_cents"))),
                List.of());
    }

    private static ReservationView withHistory(ReservationView v, List<ReservationView.Step> history) {
        return new ReservationView(
                v.id(),
                v.region(),
                v.year(),
                v.budget(),
                v.menuItem(),
                v.status(),
                v.requested(),
                v.reserved(),
                v.committed(),
                v.paid(),
                v.candidateRef(),
                v.erased(),
                v.organisation(),
                v.requestedBy(),
                v.date(),
                v.createdAt(),
                v.openDiscrepancies(),
                history);
    }
}
