package nl.kassier.ledger.api.consistency;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.kassier.ledger.core.budget.BudgetEvent;
import nl.kassier.ledger.projections.budget.BudgetProjection;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JDBC storage engine, which also applies a budget's events to the budget read models in the transaction that
 * appends them ({@link BudgetProjection#applyAppended}): a command is then answered with every read model of its
 * budget already showing it, on every node, whatever the tracking processor is doing (docs/adr/0007). The positions
 * the chain's trigger gave the events are read back in the same transaction, so that the rows are the ones the
 * processor would write.
 */
public final class BudgetViewInTheAppend extends JdbcEventStorageEngine {

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final Supplier<BudgetProjection> budgets;

    /**
     * @param builder the engine's settings, as for {@link JdbcEventStorageEngine#builder()}
     * @param budgets the budget read model (looked up late: it is built after the event store)
     */
    public BudgetViewInTheAppend(
            Builder builder, TransactionManager transactions, JdbcTemplate jdbc, Supplier<BudgetProjection> budgets) {
        super(builder);
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.budgets = budgets;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            List<DomainEventMessage<?>> budgetEvents = events.stream()
                    .filter(e -> e instanceof DomainEventMessage<?> && e.getPayload() instanceof BudgetEvent)
                    .<DomainEventMessage<?>>map(e -> (DomainEventMessage<?>) e)
                    .toList();
            if (!budgetEvents.isEmpty()) {
                budgets.get().applyAppended(budgetEvents, positions(budgetEvents));
            }
        });
    }

    /** The positions the appended events got, by event identifier. */
    private Map<String, Long> positions(List<DomainEventMessage<?>> events) {
        Map<String, Long> positions = new HashMap<>();
        jdbc.query(
                "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY(?)",
                rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                },
                (Object) events.stream().map(EventMessage::getIdentifier).toArray(String[]::new));
        return positions;
    }
}
