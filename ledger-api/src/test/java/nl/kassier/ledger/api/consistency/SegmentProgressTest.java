package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import nl.kassier.ledger.infra.eventstore.EventLog.LoggedEvent;
import nl.kassier.ledger.infra.eventstore.TokenTable.SegmentPosition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The barrier's arithmetic on plain tokens: when a processor's segments have done their part for a position, and how
 * far the processor has got.
 */
class SegmentProgressTest {

    private static final String HANDLED = "nl.kassier.ledger.core.budget.BudgetReserved";
    private static final String NOT_HANDLED = "nl.kassier.ledger.core.regeling.AmendmentPublished";

    /** An aggregate id owned by {@code segment} of two. */
    private static String ownedBy(int segment) {
        Segment mask = Segment.computeSegments(0, 1)[segment];
        return IntStream.range(0, 100)
                .mapToObj(i -> "rijnmond_2022_" + i)
                .filter(mask::matches)
                .findFirst()
                .orElseThrow();
    }

    private static SegmentPosition at(int segment, long index, Long... gaps) {
        return new SegmentPosition(segment, GapAwareTrackingToken.newInstance(index, List.of(gaps)));
    }

    private final List<LoggedEvent> log = new ArrayList<>();
    private int lookups;

    private SegmentProgress progress(SegmentPosition... segments) {
        return new SegmentProgress(List.of(segments), HANDLED::equals, (after, upTo, positions) -> {
            lookups++;
            return log.stream()
                    .filter(e -> (e.position() > after && e.position() <= upTo) || positions.contains(e.position()))
                    .toList();
        });
    }

    @Nested
    class OneSegment {

        @Test
        void hasProcessedAPositionOnceItsTokenIsAtOrBeyondIt() {
            assertThat(progress(at(0, 41)).processed(42, null)).isFalse();
            assertThat(progress(at(0, 42)).processed(42, null)).isTrue();
            assertThat(progress(at(0, 50)).processed(42, "any")).isTrue();
            assertThat(lookups).as("one segment has every event as its own").isZero();
        }

        @Test
        void aPositionLeftAsAGapIsNotProcessed() {
            assertThat(progress(at(0, 50, 42L)).processed(42, null)).isFalse();
        }

        @Test
        void nothingIsProcessedBeforeAPositionIsStored() {
            assertThat(progress(new SegmentPosition(0, null)).processed(1, null))
                    .isFalse();
            assertThat(progress().processed(1, null)).isFalse();
            assertThat(progress(new SegmentPosition(0, null)).position(10)).isEmpty();
        }
    }

    @Nested
    class TwoSegments {

        @Test
        void forAnAggregateOnlyTheSegmentThatOwnsItCounts() {
            String ours = ownedBy(0);
            assertThat(progress(at(0, 42), at(1, 3)).processed(42, ours)).isTrue();
            assertThat(progress(at(0, 41), at(1, 99)).processed(42, ours)).isFalse();
            assertThat(lookups).isZero();
        }

        @Test
        void aSegmentBehindHasDoneItsPartWhenNoneOfTheEventsItHasNotPassedIsItsOwn() {
            log.add(new LoggedEvent(41, ownedBy(0), HANDLED));
            log.add(new LoggedEvent(42, ownedBy(0), HANDLED));

            assertThat(progress(at(0, 42), at(1, 40)).processed(42, null)).isTrue();
            assertThat(progress(at(0, 42), at(1, 40)).position(42)).hasValue(42);
        }

        @Test
        void aSegmentBehindItsOwnEventIsWaitedFor() {
            log.add(new LoggedEvent(41, ownedBy(1), HANDLED));

            assertThat(progress(at(0, 42), at(1, 40)).processed(42, null)).isFalse();
            assertThat(progress(at(0, 42), at(1, 40)).position(42)).hasValue(40);
        }

        @Test
        void anOwnEventTheProcessorHasNoHandlerForIsNoWork() {
            log.add(new LoggedEvent(41, ownedBy(1), NOT_HANDLED));

            assertThat(progress(at(0, 42), at(1, 40)).processed(42, null)).isTrue();
        }

        @Test
        void anOwnEventInAGapOfTheTokenIsWork() {
            log.add(new LoggedEvent(30, ownedBy(1), HANDLED));

            assertThat(progress(at(0, 42), at(1, 40, 30L)).processed(42, null)).isFalse();
        }

        @Test
        void aSegmentFarBehindIsWaitedForWithoutLooking() {
            long far = 1 + SegmentProgress.LOOK_AHEAD_MAX;

            assertThat(progress(at(0, far + 1), at(1, 1)).processed(far + 1, null))
                    .isFalse();
            assertThat(progress(at(0, far + 1), at(1, 1)).position(far + 1)).hasValue(1);
            assertThat(lookups).isZero();
        }

        @Test
        void theProcessorIsAsFarAsItsSlowestSegmentWithWorkLeft() {
            log.add(new LoggedEvent(45, ownedBy(0), HANDLED));
            OptionalLong position = progress(at(0, 44), at(1, 50)).position(50);

            assertThat(position).hasValue(44);
        }
    }
}
