package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The changes one processor batch makes to the budget read models, held in memory and written in one go: new
 * reservations, changed reservations, history rows, payments, and the net change of each budget type's draw. A
 * reservation's figures, draw and history entry are the domain's own ({@link ReservationState}, {@link HistoryEntry}).
 */
final class BudgetBatch {

    private final JdbcTemplate jdbc;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ColumnRows history = new ColumnRows(
            "INSERT INTO reservation_history (reservation_id, event_position, type, at, actor, amount_cents, detail,"
                    + " step_date, released_cents, reason, reference, payment_id, invoice_ref)"
                    + " SELECT * FROM :rows ON CONFLICT DO NOTHING",
            "varchar",
            "int8",
            "varchar",
            "timestamptz",
            "varchar",
            "int8",
            "varchar",
            "date",
            "int8",
            "varchar",
            "varchar",
            "varchar",
            "varchar");
    private final ColumnRows payments = new ColumnRows(
            "INSERT INTO payment_view (payment_id, reservation_id, region, year, amount_cents, payment_date,"
                    + " invoice_ref, registered_at, registered_by) SELECT * FROM :rows"
                    + " ON CONFLICT (payment_id) DO NOTHING",
            "varchar",
            "varchar",
            "varchar",
            "int4",
            "int8",
            "date",
            "varchar",
            "timestamptz",
            "varchar");
    /** Sorted, so that concurrent segments lock the same usage rows in the same order and never deadlock. */
    private final Map<UsageKey, long[]> usage = new TreeMap<>();

    /** A budget type's line in {@code budget_usage}. */
    private record UsageKey(String region, int year, String budgetType) implements Comparable<UsageKey> {
        private static final Comparator<UsageKey> ORDER = Comparator.comparing(UsageKey::region)
                .thenComparingInt(UsageKey::year)
                .thenComparing(UsageKey::budgetType);

        @Override
        public int compareTo(UsageKey other) {
            return ORDER.compare(this, other);
        }
    }

    BudgetBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A reservation as the batch knows it: where it belongs and who asked, and its figures, which follow the domain's
     * own fold ({@link ReservationState}); {@code inserted} when it is new in this batch.
     */
    static final class Row {
        final String id;
        final String region;
        final int year;
        final String budgetType;
        final String menuItem;
        final String candidateRef;
        final String organisation;
        final String requestedBy;
        final LocalDate date;
        final Instant createdAt;
        final long createdPosition;
        final boolean inserted;
        ReservationState state;
        boolean changed;

        Row(
                String id,
                String region,
                int year,
                String budgetType,
                String menuItem,
                String candidateRef,
                String organisation,
                String requestedBy,
                LocalDate date,
                Instant createdAt,
                long createdPosition,
                boolean inserted,
                ReservationState state) {
            this.id = id;
            this.region = region;
            this.year = year;
            this.budgetType = budgetType;
            this.menuItem = menuItem;
            this.candidateRef = candidateRef;
            this.organisation = organisation;
            this.requestedBy = requestedBy;
            this.date = date;
            this.createdAt = createdAt;
            this.createdPosition = createdPosition;
            this.inserted = inserted;
            this.state = state;
        }
    }

    /** A step of a reservation's life: a new reservation, or the next state of one, with its history entry. */
    void apply(ReservationEvent event, Instant at, long position) {
        String id = event.reservationId().value();
        if (event instanceof BudgetReserved reserved) {
            if (!rows.containsKey(id)) {
                // It cannot exist yet: the processor applies each event exactly once, in the transaction that also
                // moves its position, so no lookup is needed (the insert still ignores a conflict).
                Row row = new Row(
                        id,
                        reserved.budget().region().value(),
                        reserved.budget().year(),
                        reserved.budgetType().name(),
                        reserved.menuItem().name(),
                        reserved.candidateRef() == null
                                ? null
                                : reserved.candidateRef().value(),
                        reserved.actor().organisation(),
                        reserved.actor().username(),
                        reserved.date(),
                        at,
                        position,
                        true,
                        ReservationState.of(reserved));
                rows.put(id, row);
                addUsage(row, Usage.NONE, row.state.usage());
                history(id, position, at, event.actor(), HistoryEntry.of(event));
            }
            return;
        }
        Row row = row(id);
        if (row == null) {
            return;
        }
        ReservationState before = row.state;
        row.state = before.after(event);
        if (!row.state.equals(before)) {
            row.changed = true;
            addUsage(row, before.usage(), row.state.usage());
        }
        history(id, position, at, event.actor(), HistoryEntry.of(event));
    }

    void payment(PaymentRegistered event, Instant at) {
        payments.add(
                event.paymentId().value(),
                event.reservationId().value(),
                event.reservationId().budget().region().value(),
                event.reservationId().budget().year(),
                event.amount().cents(),
                event.date(),
                event.invoiceRef() == null ? null : event.invoiceRef().value(),
                at,
                event.actor().username());
    }

    private Row row(String id) {
        Row row = rows.get(id);
        if (row != null) {
            return row;
        }
        List<Row> found = jdbc.query(
                "SELECT reservation_id, region, year, budget_type, menu_item, status, amount_cents, commitment_cents,"
                        + " paid_cents, candidate_ref, organisation, requested_by, melding_date, created_at,"
                        + " created_position FROM reservation_view WHERE reservation_id = ?",
                (rs, n) -> new Row(
                        rs.getString("reservation_id"),
                        rs.getString("region"),
                        rs.getInt("year"),
                        rs.getString("budget_type"),
                        rs.getString("menu_item"),
                        rs.getString("candidate_ref"),
                        rs.getString("organisation"),
                        rs.getString("requested_by"),
                        rs.getDate("melding_date").toLocalDate(),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("created_position"),
                        false,
                        new ReservationState(
                                ReservationStatus.valueOf(rs.getString("status")),
                                Money.ofCents(rs.getLong("amount_cents")),
                                Money.ofCents(rs.getLong("commitment_cents")),
                                Money.ofCents(rs.getLong("paid_cents")))),
                id);
        if (found.isEmpty()) {
            return null;
        }
        rows.put(id, found.get(0));
        return found.get(0);
    }

    private void history(String id, long position, Instant at, Actor actor, HistoryEntry entry) {
        history.add(
                id,
                position,
                entry.type().name(),
                at,
                actor.username(),
                entry.amount() == null ? null : entry.amount().cents(),
                entry.detail(),
                entry.date(),
                entry.released() == null ? null : entry.released().cents(),
                entry.reason(),
                entry.reference(),
                entry.paymentId(),
                entry.invoiceRef());
    }

    private void addUsage(Row row, Usage before, Usage after) {
        Usage delta = after.minus(before);
        long[] sum = usage.computeIfAbsent(new UsageKey(row.region, row.year, row.budgetType), k -> new long[4]);
        sum[0] += delta.requested().cents();
        sum[1] += delta.reserved().cents();
        sum[2] += delta.committed().cents();
        sum[3] += delta.paid().cents();
    }

    /** Writes everything the batch changed, in the processor's transaction: one statement per table. */
    void flush() {
        ColumnRows inserts = new ColumnRows(
                "INSERT INTO reservation_view (reservation_id, region, year, budget_type, menu_item, status,"
                        + " amount_cents, commitment_cents, paid_cents, candidate_ref, organisation, requested_by,"
                        + " melding_date, created_at, created_position) SELECT * FROM :rows ON CONFLICT DO NOTHING",
                "varchar",
                "varchar",
                "int4",
                "varchar",
                "varchar",
                "varchar",
                "int8",
                "int8",
                "int8",
                "varchar",
                "varchar",
                "varchar",
                "date",
                "timestamptz",
                "int8");
        ColumnRows updates = new ColumnRows(
                "UPDATE reservation_view r SET status = u.status, commitment_cents = u.commitment_cents,"
                        + " paid_cents = u.paid_cents FROM :rows AS u (reservation_id, status, commitment_cents,"
                        + " paid_cents) WHERE r.reservation_id = u.reservation_id",
                "varchar",
                "varchar",
                "int8",
                "int8");
        for (Row row : rows.values()) {
            if (row.inserted) {
                inserts.add(
                        row.id,
                        row.region,
                        row.year,
                        row.budgetType,
                        row.menuItem,
                        row.state.status().name(),
                        row.state.amount().cents(),
                        row.state.commitment().cents(),
                        row.state.paid().cents(),
                        row.candidateRef,
                        row.organisation,
                        row.requestedBy,
                        row.date,
                        row.createdAt,
                        row.createdPosition);
            } else if (row.changed) {
                updates.add(
                        row.id,
                        row.state.status().name(),
                        row.state.commitment().cents(),
                        row.state.paid().cents());
            }
        }
        ColumnRows usageDeltas = new ColumnRows(
                "INSERT INTO budget_usage (region, year, budget_type, requested_cents, reserved_cents,"
                        + " committed_cents, paid_cents) SELECT * FROM :rows"
                        + " ON CONFLICT (region, year, budget_type) DO UPDATE"
                        + " SET requested_cents = budget_usage.requested_cents + EXCLUDED.requested_cents,"
                        + " reserved_cents = budget_usage.reserved_cents + EXCLUDED.reserved_cents,"
                        + " committed_cents = budget_usage.committed_cents + EXCLUDED.committed_cents,"
                        + " paid_cents = budget_usage.paid_cents + EXCLUDED.paid_cents",
                "varchar",
                "int4",
                "varchar",
                "int8",
                "int8",
                "int8",
                "int8");
        usage.forEach((key, sum) ->
                usageDeltas.add(key.region(), key.year(), key.budgetType(), sum[0], sum[1], sum[2], sum[3]));
        inserts.write(jdbc);
        updates.write(jdbc);
        history.write(jdbc);
        payments.write(jdbc);
        usageDeltas.write(jdbc);
    }
}
