package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.Reservation;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The changes one processor batch makes to the budget read models, held in memory and written in one go: new
 * reservations, changed reservations, history rows, payments, and the net change of each budget type's draw. A
 * reservation's draw is the domain's own definition ({@link Reservation#usage}) before and after each event.
 */
final class BudgetBatch {

    private final JdbcTemplate jdbc;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ColumnRows history = new ColumnRows(
            "INSERT INTO reservation_history (reservation_id, event_position, type, at, actor, amount_cents, detail)"
                    + " SELECT * FROM :rows ON CONFLICT DO NOTHING",
            "varchar",
            "int8",
            "varchar",
            "timestamptz",
            "varchar",
            "int8",
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

    /** A reservation as the batch knows it; {@code inserted} when it is new in this batch. */
    static final class Row {
        final String id;
        final String region;
        final int year;
        final String budgetType;
        final String menuItem;
        final Money amount;
        final String candidateRef;
        final String organisation;
        final String requestedBy;
        final LocalDate date;
        final Instant createdAt;
        final long createdPosition;
        final boolean inserted;
        ReservationStatus status;
        Money commitment;
        Money paid;
        boolean changed;

        Row(
                String id,
                String region,
                int year,
                String budgetType,
                String menuItem,
                Money amount,
                String candidateRef,
                String organisation,
                String requestedBy,
                LocalDate date,
                Instant createdAt,
                long createdPosition,
                boolean inserted,
                ReservationStatus status,
                Money commitment,
                Money paid) {
            this.id = id;
            this.region = region;
            this.year = year;
            this.budgetType = budgetType;
            this.menuItem = menuItem;
            this.amount = amount;
            this.candidateRef = candidateRef;
            this.organisation = organisation;
            this.requestedBy = requestedBy;
            this.date = date;
            this.createdAt = createdAt;
            this.createdPosition = createdPosition;
            this.inserted = inserted;
            this.status = status;
            this.commitment = commitment;
            this.paid = paid;
        }

        Usage usage() {
            return Reservation.usage(status, amount, commitment, paid);
        }
    }

    /**
     * A new reservation. It cannot exist yet: the processor applies each event exactly once, in the transaction that
     * also moves its position, so no lookup is needed (the insert still ignores a conflict).
     */
    void reserved(BudgetReserved event, Instant at, long position) {
        String id = event.reservationId().value();
        if (rows.containsKey(id)) {
            return;
        }
        Row row = new Row(
                id,
                event.budget().region().value(),
                event.budget().year(),
                event.budgetType().name(),
                event.menuItem().name(),
                event.amount(),
                event.candidate() == null ? null : event.candidate().ref().value(),
                event.actor().organisation(),
                event.actor().username(),
                event.date(),
                at,
                position,
                true,
                event.status(),
                Money.ZERO,
                Money.ZERO);
        rows.put(id, row);
        addUsage(row, Usage.NONE, row.usage());
        history(id, position, event.status().name(), at, event.actor(), event.amount(), null);
    }

    void change(
            ReservationId id,
            long position,
            String type,
            Instant at,
            Actor actor,
            Money amount,
            String detail,
            Consumer<Row> update) {
        Row row = row(id.value());
        if (row == null) {
            return;
        }
        Usage before = row.usage();
        update.accept(row);
        row.changed = true;
        addUsage(row, before, row.usage());
        history(id.value(), position, type, at, actor, amount, detail);
    }

    /** A step in a reservation's history that changes nothing else of it. */
    void note(ReservationId id, long position, String type, Instant at, Actor actor, Money amount, String detail) {
        history(id.value(), position, type, at, actor, amount, detail);
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
                        Money.ofCents(rs.getLong("amount_cents")),
                        rs.getString("candidate_ref"),
                        rs.getString("organisation"),
                        rs.getString("requested_by"),
                        rs.getDate("melding_date").toLocalDate(),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("created_position"),
                        false,
                        ReservationStatus.valueOf(rs.getString("status")),
                        Money.ofCents(rs.getLong("commitment_cents")),
                        Money.ofCents(rs.getLong("paid_cents"))),
                id);
        if (found.isEmpty()) {
            return null;
        }
        rows.put(id, found.get(0));
        return found.get(0);
    }

    private void history(String id, long position, String type, Instant at, Actor actor, Money amount, String detail) {
        history.add(id, position, type, at, actor.username(), amount == null ? null : amount.cents(), detail);
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
                        row.status.name(),
                        row.amount.cents(),
                        row.commitment.cents(),
                        row.paid.cents(),
                        row.candidateRef,
                        row.organisation,
                        row.requestedBy,
                        row.date,
                        row.createdAt,
                        row.createdPosition);
            } else if (row.changed) {
                updates.add(row.id, row.status.name(), row.commitment.cents(), row.paid.cents());
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
