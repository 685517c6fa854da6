package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the budget read models: each reservation as it stands, its history, every payment, and what each budget type
 * has drawn. The events of one processor batch are applied to a {@link BudgetBatch} in memory and written when the
 * batch commits, in the same transaction as the processor's position: a handful of JDBC batches per batch of events
 * instead of several round trips per event, which is what makes a rebuild of millions of events fast.
 */
@Component
@ProcessingGroup(BudgetProjection.PROCESSING_GROUP)
public class BudgetProjection {

    public static final String PROCESSING_GROUP = ReadModels.PROCESSING_GROUP;

    private static final String BATCH_RESOURCE = BudgetProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public BudgetProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BudgetReserved event, @Timestamp Instant at, TrackingToken token) {
        batch().reserved(event, at, position(token));
    }

    @EventHandler
    void on(ReservationApproved event, @Timestamp Instant at, TrackingToken token) {
        batch().change(
                        event.reservationId(),
                        position(token),
                        "APPROVED",
                        at,
                        event.actor(),
                        event.amount(),
                        null,
                        row -> row.status = ReservationStatus.RESERVED);
    }

    @EventHandler
    void on(ReservationRejected event, @Timestamp Instant at, TrackingToken token) {
        batch().change(
                        event.reservationId(),
                        position(token),
                        "REJECTED",
                        at,
                        event.actor(),
                        event.released(),
                        event.reason() == null ? null : event.reason().value(),
                        row -> row.status = ReservationStatus.REJECTED);
    }

    @EventHandler
    void on(ReservationCommitted event, @Timestamp Instant at, TrackingToken token) {
        batch().change(
                        event.reservationId(),
                        position(token),
                        "COMMITTED",
                        at,
                        event.actor(),
                        event.amount(),
                        event.reference() == null ? null : event.reference().value(),
                        row -> {
                            row.status = ReservationStatus.COMMITTED;
                            row.commitment = event.amount();
                        });
    }

    @EventHandler
    void on(PaymentRegistered event, @Timestamp Instant at, TrackingToken token) {
        BudgetBatch batch = batch();
        batch.change(
                event.reservationId(),
                position(token),
                "PAID",
                at,
                event.actor(),
                event.amount(),
                event.paymentId().value(),
                row -> {
                    row.status = event.status();
                    row.paid = row.paid.plus(event.amount());
                });
        batch.payment(event, at);
    }

    @EventHandler
    void on(PaymentSettled event, @Timestamp Instant at, TrackingToken token) {
        batch().note(
                        event.reservationId(),
                        position(token),
                        SettlementHistory.SETTLED,
                        at,
                        event.actor(),
                        event.amount(),
                        SettlementHistory.detail(event));
    }

    @EventHandler
    void on(PaymentDiscrepancyFound event, @Timestamp Instant at, TrackingToken token) {
        batch().note(
                        event.reservationId(),
                        position(token),
                        SettlementHistory.DISCREPANCY,
                        at,
                        event.actor(),
                        event.bankAmount(),
                        SettlementHistory.detail(event));
    }

    @EventHandler
    void on(ReservationReleased event, @Timestamp Instant at, TrackingToken token) {
        batch().change(
                        event.reservationId(),
                        position(token),
                        "RELEASED",
                        at,
                        event.actor(),
                        event.released(),
                        event.reason() == null ? null : event.reason().value(),
                        row -> row.status = event.status());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM reservation_history");
        jdbc.update("DELETE FROM payment_view");
        jdbc.update("DELETE FROM reservation_view");
        jdbc.update("DELETE FROM budget_usage");
    }

    /** The batch of the current unit of work, written once it prepares to commit. */
    private BudgetBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            BudgetBatch batch = new BudgetBatch(jdbc);
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }
}
