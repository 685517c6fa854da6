package nl.kassier.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.junit.jupiter.api.Test;

/** A budget is snapshotted after the minimum of events while it is small, and after a tenth of its history later. */
class BudgetSnapshotsTest {

    @Test
    void snapshotsAfterTheMinimumAndThenAfterATenthOfTheHistory() {
        List<Long> snapshotAt = new ArrayList<>();
        long[] sequence = {-1};
        SnapshotTrigger trigger =
                new BudgetSnapshots((type, id) -> snapshotAt.add(sequence[0]), 200).prepareTrigger(Object.class);
        trigger.initializationFinished();
        for (long n = 0; n < 20_000; n++) {
            sequence[0] = n;
            trigger.eventHandled(new GenericDomainEventMessage<>("Budget", "rijnmond_2022", n, "event"));
        }

        assertThat(snapshotAt).startsWith(199L, 399L, 599L);
        assertThat(snapshotAt)
                .as("a snapshot costs as much as the budget: each one after a tenth of it")
                .hasSizeLessThan(40);
        for (int i = 1; i < snapshotAt.size(); i++) {
            long since = snapshotAt.get(i) - snapshotAt.get(i - 1);
            assertThat(since).isEqualTo(BudgetSnapshots.threshold(200, snapshotAt.get(i)));
        }
        assertThat(BudgetSnapshots.threshold(200, 99_999)).isEqualTo(10_000);
    }
}
