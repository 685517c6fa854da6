package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.ReservationEvent;
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

    /** Every step of a reservation's life, folded by the domain's own {@code ReservationState}. */
    @EventHandler
    void on(ReservationEvent event, @Timestamp Instant at, TrackingToken token) {
        BudgetBatch batch = batch();
        batch.apply(event, at, position(token));
        if (event instanceof PaymentRegistered payment) {
            batch.payment(payment, at, position(token));
        }
    }

    /** The year closed: the reservations it freed are steps of their own, already applied. */
    @EventHandler
    void on(BudgetClosed event) {
        jdbc.update(
                "INSERT INTO budget_status (region, year, status, closed_on) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (region, year) DO UPDATE SET status = EXCLUDED.status,"
                        + " closed_on = EXCLUDED.closed_on",
                event.budget().region().value(),
                event.budget().year(),
                BudgetStatus.CLOSED.name(),
                event.date());
    }

    @EventHandler
    void on(BudgetSettled event) {
        jdbc.update(
                "UPDATE budget_status SET status = ?, settled_on = ? WHERE region = ? AND year = ?",
                BudgetStatus.SETTLED.name(),
                event.date(),
                event.budget().region().value(),
                event.budget().year());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM budget_status");
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
