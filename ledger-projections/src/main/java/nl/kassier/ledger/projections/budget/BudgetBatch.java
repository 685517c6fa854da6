package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.Reservation;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.SettlementStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The changes one processor batch makes to the budget read models, held in memory and written in one go: new
 * reservations, changed reservations, history rows, payments with what the bank said of them, and the net change of
 * each budget type's draw. A reservation's figures, draw, history entry and open discrepancies are the domain's own
 * ({@link ReservationState}, {@link HistoryEntry}, {@link OpenDiscrepancies}).
 */
final class BudgetBatch {

    private final JdbcTemplate jdbc;
    private final JdbcPersonalDataVault vault;
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
                    + " invoice_ref, registered_at, registered_by, registered_position) SELECT * FROM :rows"
                    + " ON CONFLICT (payment_id) DO NOTHING",
            "varchar",
            "varchar",
            "varchar",
            "int4",
            "int8",
            "date",
            "varchar",
            "timestamptz",
            "varchar",
            "int8");
    /** What the latest statement in this batch said of each payment it showed, by payment id. */
    private final Map<String, Settlement> settlements = new LinkedHashMap<>();
    /** The payments whose discrepancy opened ({@code true}) or was resolved ({@code false}) in this batch. */
    private final Map<String, Boolean> discrepancyOpen = new LinkedHashMap<>();

    /** A payment's settlement: the statement entry that showed it, and for a discrepancy, bank minus ledger. */
    private record Settlement(
            SettlementStatus status, String reconciliationId, String entryReference, Long differenceCents) {}
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

    /** Per budget, the sequence number of its latest event applied, as stored or as this batch advanced it. */
    private final Map<String, Long> appliedUpTo = new TreeMap<>();
    /** The budgets whose position this batch advanced, sorted, written last. */
    private final Map<String, Long> advanced = new TreeMap<>();

    BudgetBatch(JdbcTemplate jdbc, JdbcPersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** Whether the event of {@code budget} at {@code sequence} is already applied to the read models. */
    boolean applied(String budget, long sequence) {
        Long upTo = appliedUpTo.get(budget);
        if (upTo == null) {
            List<Long> stored = jdbc.queryForList(
                    "SELECT sequence_number FROM budget_view_position WHERE aggregate_identifier = ?",
                    Long.class,
                    budget);
            upTo = stored.isEmpty() ? -1L : stored.get(0);
            appliedUpTo.put(budget, upTo);
        }
        return sequence <= upTo;
    }

    /**
     * The positions of {@code budgets} (sorted), locked until the transaction ends, so that the append and the
     * processor never both apply an event; a budget without a row has applied nothing. A row another transaction holds
     * (the processor writing that budget, or a reset) is left out, not waited for, as if the budget had applied
     * nothing: the append holds the chain's lock, and the processor will apply what the append leaves (only a budget's
     * very first events, which have no row yet, are applied without one).
     */
    Map<String, Long> lockApplied(Collection<String> budgets) {
        Map<String, Long> stored = new TreeMap<>();
        jdbc.query(
                "SELECT aggregate_identifier, sequence_number FROM budget_view_position"
                        + " WHERE aggregate_identifier = ANY(?) ORDER BY aggregate_identifier FOR UPDATE SKIP LOCKED",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                },
                (Object) budgets.toArray(String[]::new));
        appliedUpTo.putAll(stored);
        return stored;
    }

    /** The event of {@code budget} at {@code sequence} is applied in this batch. */
    void advance(String budget, long sequence) {
        appliedUpTo.put(budget, sequence);
        advanced.put(budget, sequence);
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
        final Who who;
        final String organisation;
        final String requestedBy;
        final LocalDate date;
        final Instant createdAt;
        final long createdPosition;
        final boolean partnersRequest;
        final boolean inserted;
        ReservationState state;
        OpenDiscrepancies open;
        boolean changed;

        Row(
                String id,
                String region,
                int year,
                String budgetType,
                String menuItem,
                Who who,
                String organisation,
                String requestedBy,
                LocalDate date,
                Instant createdAt,
                long createdPosition,
                boolean partnersRequest,
                boolean inserted,
                ReservationState state,
                OpenDiscrepancies open) {
            this.id = id;
            this.region = region;
            this.year = year;
            this.budgetType = budgetType;
            this.menuItem = menuItem;
            this.who = who;
            this.organisation = organisation;
            this.requestedBy = requestedBy;
            this.date = date;
            this.createdAt = createdAt;
            this.createdPosition = createdPosition;
            this.partnersRequest = partnersRequest;
            this.inserted = inserted;
            this.state = state;
            this.open = open;
        }
    }

    /**
     * Whom a reservation is for, as the read model keeps it: the candidate's id and target group, and the personal data
     * sealed as the event holds it (the key's id and the ciphertext), opened only when a response is made. Only an
     * event recorded before sealing gives a pseudonym in the clear ({@code legacyRef}), and none once its candidate was
     * erased.
     */
    record Who(
            String candidate,
            String targetGroup,
            String personalKey,
            String personalSealed,
            String legacyRef,
            boolean legacyErased) {}

    private Who who(BudgetReserved reserved) {
        String candidate =
                reserved.candidate() == null ? null : reserved.candidate().value();
        String targetGroup =
                reserved.targetGroup() == null ? null : reserved.targetGroup().name();
        SealedPersonalData personal = reserved.personal();
        if (personal == null) {
            return new Who(candidate, targetGroup, null, null, null, false);
        }
        if (!personal.isLegacy()) {
            return new Who(candidate, targetGroup, personal.keyId(), personal.ciphertext(), null, false);
        }
        String ref =
                personal.clear().ref() == null ? null : personal.clear().ref().value();
        boolean erased = ref != null && candidate != null && vault.wasErased(reserved.candidate());
        return new Who(candidate, targetGroup, null, null, erased ? null : ref, erased);
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
                        who(reserved),
                        reserved.actor().organisation(),
                        reserved.actor().username(),
                        reserved.date(),
                        at,
                        position,
                        Reservation.isPartnersRequest(reserved.actor().role()),
                        true,
                        ReservationState.of(reserved),
                        OpenDiscrepancies.NONE);
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
        OpenDiscrepancies openBefore = row.open;
        row.open = openBefore.after(event);
        if (!row.open.equals(openBefore)) {
            row.changed = true;
            discrepancies(openBefore, row.open);
        }
        if (event instanceof PaymentSettled settled) {
            settlements.put(
                    settled.paymentId().value(),
                    new Settlement(
                            SettlementStatus.SETTLED, settled.reconciliationId(), settled.entryReference(), null));
        } else if (event instanceof PaymentDiscrepancyFound found) {
            settlements.put(
                    found.paymentId().value(),
                    new Settlement(
                            SettlementStatus.DISCREPANCY,
                            found.reconciliationId(),
                            found.entryReference(),
                            found.bankAmount().minus(found.ledgerAmount()).cents()));
        }
        history(id, position, at, event.actor(), HistoryEntry.of(event));
    }

    /** Marks the payments whose discrepancy opened or was resolved between {@code before} and {@code after}. */
    private void discrepancies(OpenDiscrepancies before, OpenDiscrepancies after) {
        for (PaymentId paymentId : before.differences().keySet()) {
            if (!after.isOpen(paymentId)) {
                discrepancyOpen.put(paymentId.value(), false);
            }
        }
        for (PaymentId paymentId : after.differences().keySet()) {
            if (!before.isOpen(paymentId)) {
                discrepancyOpen.put(paymentId.value(), true);
            }
        }
    }

    void payment(PaymentRegistered event, Instant at, long position) {
        payments.add(
                event.paymentId().value(),
                event.reservationId().value(),
                event.reservationId().budget().region().value(),
                event.reservationId().budget().year(),
                event.amount().cents(),
                event.date(),
                event.invoiceRef() == null ? null : event.invoiceRef().value(),
                at,
                event.actor().username(),
                position);
    }

    private Row row(String id) {
        Row row = rows.get(id);
        if (row != null) {
            return row;
        }
        List<Stored> found = jdbc.query(
                "SELECT reservation_id, region, year, budget_type, menu_item, status, amount_cents, commitment_cents,"
                        + " paid_cents, candidate, target_group, personal_key, personal_sealed, candidate_ref,"
                        + " candidate_erased, organisation, requested_by, melding_date, created_at, created_position,"
                        + " requested_by_partner, open_discrepancies FROM reservation_view"
                        + " WHERE reservation_id = ?",
                (rs, n) -> new Stored(
                        new Row(
                                rs.getString("reservation_id"),
                                rs.getString("region"),
                                rs.getInt("year"),
                                rs.getString("budget_type"),
                                rs.getString("menu_item"),
                                new Who(
                                        rs.getString("candidate"),
                                        rs.getString("target_group"),
                                        rs.getString("personal_key"),
                                        rs.getString("personal_sealed"),
                                        rs.getString("candidate_ref"),
                                        rs.getBoolean("candidate_erased")),
                                rs.getString("organisation"),
                                rs.getString("requested_by"),
                                rs.getDate("melding_date").toLocalDate(),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getLong("created_position"),
                                rs.getBoolean("requested_by_partner"),
                                false,
                                new ReservationState(
                                        ReservationStatus.valueOf(rs.getString("status")),
                                        Money.ofCents(rs.getLong("amount_cents")),
                                        Money.ofCents(rs.getLong("commitment_cents")),
                                        Money.ofCents(rs.getLong("paid_cents"))),
                                OpenDiscrepancies.NONE),
                        rs.getInt("open_discrepancies")),
                id);
        if (found.isEmpty()) {
            return null;
        }
        Row stored = found.get(0).row();
        stored.open = storedDiscrepancies(stored, found.get(0).openDiscrepancies());
        rows.put(id, stored);
        return stored;
    }

    /** A reservation as the read model stored it, with how many of its payments have an open discrepancy. */
    private record Stored(Row row, int openDiscrepancies) {}

    /**
     * The open discrepancies of a reservation as the read model stored them: its status, and the difference of each
     * payment whose discrepancy is open (looked up only when it has some).
     */
    private OpenDiscrepancies storedDiscrepancies(Row row, int count) {
        Map<PaymentId, Money> differences = new LinkedHashMap<>();
        if (count > 0) {
            jdbc.query(
                    "SELECT payment_id, settlement_difference_cents FROM payment_view"
                            + " WHERE reservation_id = ? AND discrepancy_open ORDER BY registered_position",
                    rs -> {
                        differences.put(
                                new PaymentId(rs.getString("payment_id")),
                                Money.ofCents(rs.getLong("settlement_difference_cents")));
                    },
                    row.id);
        }
        return OpenDiscrepancies.of(row.state.status(), differences);
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
                        + " amount_cents, commitment_cents, paid_cents, candidate, target_group, personal_key,"
                        + " personal_sealed, candidate_ref, candidate_erased, organisation, requested_by, melding_date,"
                        + " created_at,"
                        + " created_position, requested_by_partner, open_discrepancies, open_discrepancy_cents)"
                        + " SELECT * FROM :rows ON CONFLICT DO NOTHING",
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
                "uuid",
                "text",
                "varchar",
                "bool",
                "varchar",
                "varchar",
                "date",
                "timestamptz",
                "int8",
                "bool",
                "int4",
                "int8");
        ColumnRows updates = new ColumnRows(
                "UPDATE reservation_view r SET status = u.status, commitment_cents = u.commitment_cents,"
                        + " paid_cents = u.paid_cents, open_discrepancies = u.open_discrepancies,"
                        + " open_discrepancy_cents = u.open_discrepancy_cents FROM :rows AS u (reservation_id, status,"
                        + " commitment_cents, paid_cents, open_discrepancies, open_discrepancy_cents)"
                        + " WHERE r.reservation_id = u.reservation_id",
                "varchar",
                "varchar",
                "int8",
                "int8",
                "int4",
                "int8");
        for (Row row : rows.values()) {
            OpenDiscrepancies.Summary open = row.open.summary();
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
                        row.who.candidate(),
                        row.who.targetGroup(),
                        row.who.personalKey(),
                        row.who.personalSealed(),
                        row.who.legacyRef(),
                        row.who.legacyErased(),
                        row.organisation,
                        row.requestedBy,
                        row.date,
                        row.createdAt,
                        row.createdPosition,
                        row.partnersRequest,
                        open.count(),
                        open.difference().cents());
            } else if (row.changed) {
                updates.add(
                        row.id,
                        row.state.status().name(),
                        row.state.commitment().cents(),
                        row.state.paid().cents(),
                        open.count(),
                        open.difference().cents());
            }
        }
        ColumnRows settled = new ColumnRows(
                "UPDATE payment_view p SET settlement_status = u.status, settlement_reconciliation_id ="
                        + " u.reconciliation_id, settlement_entry = u.entry, settlement_difference_cents ="
                        + " u.difference_cents FROM :rows AS u (payment_id, status, reconciliation_id, entry,"
                        + " difference_cents) WHERE p.payment_id = u.payment_id",
                "varchar",
                "varchar",
                "varchar",
                "varchar",
                "int8");
        settlements.forEach((paymentId, s) -> settled.add(
                paymentId, s.status().name(), s.reconciliationId(), s.entryReference(), s.differenceCents()));
        ColumnRows opened = new ColumnRows(
                "UPDATE payment_view p SET discrepancy_open = u.open FROM :rows AS u (payment_id, open)"
                        + " WHERE p.payment_id = u.payment_id",
                "varchar",
                "bool");
        discrepancyOpen.forEach((paymentId, isOpen) -> opened.add(paymentId, isOpen));
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
        settled.write(jdbc);
        opened.write(jdbc);
        usageDeltas.write(jdbc);
        ColumnRows positions = new ColumnRows(
                "INSERT INTO budget_view_position (aggregate_identifier, sequence_number) SELECT * FROM :rows"
                        + " ON CONFLICT (aggregate_identifier) DO UPDATE SET sequence_number ="
                        + " GREATEST(budget_view_position.sequence_number, EXCLUDED.sequence_number)",
                "varchar",
                "int8");
        advanced.forEach((budget, sequence) -> positions.add(budget, sequence));
        positions.write(jdbc);
    }
}
