package nl.kassier.ledger.projections.budget;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetEvent;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import nl.kassier.ledger.projections.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the budget read models: each reservation as it stands, its history, every payment, and what each budget type
 * has drawn. A budget's events are applied in the transaction that appends them ({@link #applyAppended}), so that a
 * command's answer is given with the read models already showing it; the tracking processor applies what the append
 * did not (a store written before, a budget whose read model was being rebuilt) and rebuilds everything after a reset.
 * {@code budget_view_position} holds, per budget, the sequence number of the latest event applied, in the same
 * transaction as the rows: the append applies a budget's events only when every earlier one was applied, and the
 * processor skips what is already applied, so each event is applied exactly once whichever path takes it.
 *
 * <p>The events of one processor batch, or of one append, are applied to a {@link BudgetBatch} in memory and written
 * in one go: a handful of statements instead of several round trips per event, which is what makes a rebuild of
 * millions of events fast.
 */
@Component
@ProcessingGroup(BudgetProjection.PROCESSING_GROUP)
public class BudgetProjection {

    public static final String PROCESSING_GROUP = ReadModels.PROCESSING_GROUP;

    private static final String BATCH_RESOURCE = BudgetProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final JdbcPersonalDataVault vault;

    public BudgetProjection(JdbcTemplate jdbc, JdbcPersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /**
     * Every event of a budget the append has not applied already; one that it has is skipped before its payload is
     * even read.
     */
    @EventHandler(payloadType = BudgetEvent.class)
    void on(DomainEventMessage<?> message, TrackingToken token) {
        BudgetBatch batch = batch();
        String budget = message.getAggregateIdentifier();
        if (batch.applied(budget, message.getSequenceNumber())) {
            return;
        }
        if (changesTheReadModels(message.getPayloadType())) {
            apply(
                    batch,
                    (BudgetEvent) message.getPayload(),
                    message.getTimestamp(),
                    token.position().orElseThrow());
        }
        batch.advance(budget, message.getSequenceNumber());
    }

    /**
     * Applies the budget events just appended in the current transaction, at their positions, for each budget whose
     * read model had applied every earlier event; the others are left to the tracking processor. Returns the budgets
     * applied.
     */
    public Set<String> applyAppended(List<? extends DomainEventMessage<?>> events, Map<String, Long> positions) {
        Map<String, List<DomainEventMessage<?>>> byBudget = new TreeMap<>();
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof BudgetEvent) {
                byBudget.computeIfAbsent(event.getAggregateIdentifier(), b -> new ArrayList<>())
                        .add(event);
            }
        }
        if (byBudget.isEmpty()) {
            return Set.of();
        }
        BudgetBatch batch = new BudgetBatch(jdbc, vault);
        Map<String, Long> applied = batch.lockApplied(byBudget.keySet());
        Set<String> budgets = new TreeSet<>();
        byBudget.forEach((budget, appended) -> {
            long first = appended.get(0).getSequenceNumber();
            if (applied.getOrDefault(budget, -1L) != first - 1) {
                return;
            }
            for (DomainEventMessage<?> event : appended) {
                // The stored timestamp has milliseconds; the processor would apply what is stored.
                Instant at = event.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
                apply(batch, (BudgetEvent) event.getPayload(), at, positions.get(event.getIdentifier()));
                batch.advance(budget, event.getSequenceNumber());
            }
            budgets.add(budget);
        });
        batch.flush();
        return budgets;
    }

    /**
     * Whether the read models show {@code budget}'s latest event, whichever path applied it (false for an aggregate
     * that is not a budget).
     */
    public boolean showsLatestEventOf(String budget) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM budget_view_position p WHERE p.aggregate_identifier = ?"
                        + " AND p.sequence_number >= (SELECT max(sequence_number) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?))",
                Boolean.class,
                budget,
                budget));
    }

    /**
     * Whether events of {@code type} change these read models: the steps of reservations, a closing and a settlement.
     * The law a budget adopted and its overspending reports only move the position, and are never decoded for it.
     */
    private static boolean changesTheReadModels(Class<?> type) {
        return ReservationEvent.class.isAssignableFrom(type)
                || type == BudgetClosed.class
                || type == BudgetSettled.class;
    }

    private void apply(BudgetBatch batch, BudgetEvent event, Instant at, long position) {
        if (event instanceof ReservationEvent step) {
            // Every step of a reservation's life, folded by the domain's own ReservationState.
            batch.apply(step, at, position);
            if (step instanceof PaymentRegistered payment) {
                batch.payment(payment, at, position);
            }
        } else if (event instanceof BudgetClosed closed) {
            // The year closed: the reservations it freed are steps of their own, already applied.
            jdbc.update(
                    "INSERT INTO budget_status (region, year, status, closed_on) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (region, year) DO UPDATE SET status = EXCLUDED.status,"
                            + " closed_on = EXCLUDED.closed_on",
                    closed.budget().region().value(),
                    closed.budget().year(),
                    BudgetStatus.CLOSED.name(),
                    closed.date());
        } else if (event instanceof BudgetSettled settled) {
            jdbc.update(
                    "UPDATE budget_status SET status = ?, settled_on = ? WHERE region = ? AND year = ?",
                    BudgetStatus.SETTLED.name(),
                    settled.date(),
                    settled.budget().region().value(),
                    settled.budget().year());
        }
        // The law a budget adopted and its overspending reports are read from the events themselves.
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM budget_view_position");
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
            BudgetBatch batch = new BudgetBatch(jdbc, vault);
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }
}
