package nl.kassier.ledger.api.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * When a budget is snapshotted: after {@code minimum} events, or after a tenth of its history, whichever is more. A
 * budget's snapshot holds every reservation of its year, so it costs as much to write as the budget is large; taken
 * every fixed number of events, a budget of 100,000 events would write its whole self every 200 reservations. Taken
 * after a tenth of its history, the cost per event stays flat however large the budget grows, and loading a budget
 * that is not in the cache replays at most a tenth of its events after the snapshot (the cache keeps the budgets in
 * use, so that is rare). The snapshots are written on a thread of their own, off the commands' path (AxonConfiguration).
 */
final class BudgetSnapshots implements SnapshotTriggerDefinition {

    /** The share of a budget's history after which it is snapshotted again: a tenth. */
    static final int HISTORY_SHARE = 10;

    private final Snapshotter snapshotter;
    private final int minimum;

    BudgetSnapshots(Snapshotter snapshotter, int minimum) {
        this.snapshotter = snapshotter;
        this.minimum = minimum;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, minimum);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger growing) {
            growing.setSnapshotter(snapshotter);
            return growing;
        }
        return new Trigger(snapshotter, aggregateType, minimum);
    }

    /** The events since the last snapshot, against the budget's history. */
    static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int minimum;
        private int counter;
        private long sequence;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int minimum) {
            super(snapshotter, aggregateType);
            this.minimum = minimum;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> event) {
                sequence = event.getSequenceNumber();
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++counter >= threshold(minimum, sequence);
        }

        @Override
        protected void reset() {
            counter = 0;
        }
    }

    /** The events after which a budget whose latest event has {@code sequence} is snapshotted again. */
    static long threshold(int minimum, long sequence) {
        return Math.max(minimum, (sequence + 1) / HISTORY_SHARE);
    }
}
