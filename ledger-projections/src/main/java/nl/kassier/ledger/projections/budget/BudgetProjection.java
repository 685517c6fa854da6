package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.util.List;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.Reservation;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the budget read models: each reservation as it stands, its history, every payment, and what each budget type
 * has drawn. A reservation's draw is computed by the domain's own definition ({@link Reservation#usage}) before and
 * after each event, and the difference is added to the budget type's totals.
 */
@Component
@ProcessingGroup(BudgetProjection.PROCESSING_GROUP)
public class BudgetProjection {

    public static final String PROCESSING_GROUP = "budgets";

    private final JdbcTemplate jdbc;

    public BudgetProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BudgetReserved event, @Timestamp Instant at, TrackingToken token) {
        long position = position(token);
        int inserted = jdbc.update(
                "INSERT INTO reservation_view (reservation_id, region, year, budget_type, menu_item, status,"
                        + " amount_cents, candidate_ref, organisation, requested_by, melding_date, created_at,"
                        + " created_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (reservation_id) DO NOTHING",
                event.reservationId().value(),
                event.budget().region().value(),
                event.budget().year(),
                event.budgetType().name(),
                event.menuItem().name(),
                event.status().name(),
                event.amount().cents(),
                event.candidate() == null ? null : event.candidate().ref(),
                event.actor().organisation(),
                event.actor().username(),
                event.date(),
                java.sql.Timestamp.from(at),
                position);
        if (inserted == 1) {
            addUsage(event.reservationId(), Usage.NONE, usageOf(event.reservationId()));
            history(event.reservationId(), position, event.status().name(), at, event.actor(), event.amount(), null);
        }
    }

    @EventHandler
    void on(ReservationApproved event, @Timestamp Instant at, TrackingToken token) {
        change(
                event.reservationId(),
                position(token),
                "APPROVED",
                at,
                event.actor(),
                event.amount(),
                null,
                () -> setStatus(event.reservationId(), ReservationStatus.RESERVED));
    }

    @EventHandler
    void on(ReservationRejected event, @Timestamp Instant at, TrackingToken token) {
        change(
                event.reservationId(),
                position(token),
                "REJECTED",
                at,
                event.actor(),
                event.released(),
                event.reason(),
                () -> setStatus(event.reservationId(), ReservationStatus.REJECTED));
    }

    @EventHandler
    void on(ReservationCommitted event, @Timestamp Instant at, TrackingToken token) {
        change(
                event.reservationId(),
                position(token),
                "COMMITTED",
                at,
                event.actor(),
                event.amount(),
                event.reference(),
                () -> jdbc.update(
                        "UPDATE reservation_view SET status = ?, commitment_cents = ? WHERE reservation_id = ?",
                        ReservationStatus.COMMITTED.name(),
                        event.amount().cents(),
                        event.reservationId().value()));
    }

    @EventHandler
    void on(PaymentRegistered event, @Timestamp Instant at, TrackingToken token) {
        change(
                event.reservationId(),
                position(token),
                "PAID",
                at,
                event.actor(),
                event.amount(),
                event.paymentId(),
                () -> {
                    jdbc.update(
                            "UPDATE reservation_view SET status = ?, paid_cents = paid_cents + ? WHERE reservation_id = ?",
                            event.status().name(),
                            event.amount().cents(),
                            event.reservationId().value());
                    jdbc.update(
                            "INSERT INTO payment_view (payment_id, reservation_id, region, year, amount_cents, payment_date,"
                                    + " invoice_ref, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (payment_id) DO NOTHING",
                            event.paymentId(),
                            event.reservationId().value(),
                            event.reservationId().budget().region().value(),
                            event.reservationId().budget().year(),
                            event.amount().cents(),
                            event.date(),
                            event.invoiceRef(),
                            java.sql.Timestamp.from(at),
                            event.actor().username());
                });
    }

    @EventHandler
    void on(ReservationReleased event, @Timestamp Instant at, TrackingToken token) {
        change(
                event.reservationId(),
                position(token),
                "RELEASED",
                at,
                event.actor(),
                event.released(),
                event.reason(),
                () -> setStatus(event.reservationId(), event.status()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM reservation_history");
        jdbc.update("DELETE FROM payment_view");
        jdbc.update("DELETE FROM reservation_view");
        jdbc.update("DELETE FROM budget_usage");
    }

    /** Applies one step to a reservation once, moving its draw on the budget type along. */
    private void change(
            ReservationId id,
            long position,
            String type,
            Instant at,
            Actor actor,
            Money amount,
            String detail,
            Runnable update) {
        if (!history(id, position, type, at, actor, amount, detail)) {
            return;
        }
        Usage before = usageOf(id);
        update.run();
        addUsage(id, before, usageOf(id));
    }

    private boolean history(
            ReservationId id, long position, String type, Instant at, Actor actor, Money amount, String detail) {
        return jdbc.update(
                        "INSERT INTO reservation_history (reservation_id, event_position, type, at, actor, amount_cents,"
                                + " detail) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        id.value(),
                        position,
                        type,
                        java.sql.Timestamp.from(at),
                        actor.username(),
                        amount == null ? null : amount.cents(),
                        detail == null ? null : detail.substring(0, Math.min(detail.length(), 200)))
                == 1;
    }

    private void setStatus(ReservationId id, ReservationStatus status) {
        jdbc.update("UPDATE reservation_view SET status = ? WHERE reservation_id = ?", status.name(), id.value());
    }

    private Usage usageOf(ReservationId id) {
        List<Usage> usage = jdbc.query(
                "SELECT status, amount_cents, commitment_cents, paid_cents FROM reservation_view WHERE reservation_id = ?",
                (rs, row) -> Reservation.usage(
                        ReservationStatus.valueOf(rs.getString("status")),
                        Money.ofCents(rs.getLong("amount_cents")),
                        Money.ofCents(rs.getLong("commitment_cents")),
                        Money.ofCents(rs.getLong("paid_cents"))),
                id.value());
        return usage.isEmpty() ? Usage.NONE : usage.get(0);
    }

    private void addUsage(ReservationId id, Usage before, Usage after) {
        Usage delta = after.minus(before);
        String budgetType = jdbc.queryForObject(
                "SELECT budget_type FROM reservation_view WHERE reservation_id = ?", String.class, id.value());
        jdbc.update(
                "INSERT INTO budget_usage (region, year, budget_type, requested_cents, reserved_cents, committed_cents,"
                        + " paid_cents) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, year, budget_type) DO UPDATE"
                        + " SET requested_cents = budget_usage.requested_cents + EXCLUDED.requested_cents,"
                        + " reserved_cents = budget_usage.reserved_cents + EXCLUDED.reserved_cents,"
                        + " committed_cents = budget_usage.committed_cents + EXCLUDED.committed_cents,"
                        + " paid_cents = budget_usage.paid_cents + EXCLUDED.paid_cents",
                id.budget().region().value(),
                id.budget().year(),
                budgetType,
                delta.requested().cents(),
                delta.reserved().cents(),
                delta.committed().cents(),
                delta.paid().cents());
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }
}
