package nl.kassier.ledger.api.consistency;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import nl.kassier.ledger.infra.eventstore.EventLog.LoggedEvent;
import nl.kassier.ledger.infra.eventstore.TokenTable.SegmentPosition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;

/**
 * How far one processor has got, from the positions its segments have stored: the arithmetic of read-your-writes,
 * apart from the database. A processor in several segments splits the stream by aggregate: each segment handles the
 * events of its own aggregates and moves its position past the others' only once it has nothing of its own to do (a
 * second or so later). So a segment whose position is still behind has done its part when none of the events it has
 * not passed is its own; positions left behind by transactions that rolled back are holes, not work.
 */
final class SegmentProgress {

    /** The events after position {@code after} up to {@code upTo}, and those at {@code positions}. */
    @FunctionalInterface
    interface Events {
        List<LoggedEvent> between(long after, long upTo, Collection<Long> positions);
    }

    /** A segment further behind than this many positions is taken to have work of its own left, unlooked. */
    static final long LOOK_AHEAD_MAX = 10_000;

    private final List<SegmentPosition> segments;
    private final Segment[] masks;
    private final Predicate<String> handlesPayloadType;
    private final Events events;

    /**
     * @param segments every segment the processor has stored
     * @param handlesPayloadType whether the processor has a handler for events of a payload type
     * @param events where to look up the events a segment has not passed
     */
    SegmentProgress(List<SegmentPosition> segments, Predicate<String> handlesPayloadType, Events events) {
        this.segments = List.copyOf(segments);
        this.masks = Segment.computeSegments(
                segments.stream().mapToInt(SegmentPosition::segment).toArray());
        this.handlesPayloadType = handlesPayloadType;
        this.events = events;
    }

    /**
     * Whether the processor has processed every event up to {@code position} that is its to process; of the segment
     * that owns {@code aggregateId} alone, when that is given (its own event at the position is then that segment's
     * to apply, so only its position counts).
     */
    boolean processed(long position, String aggregateId) {
        if (segments.isEmpty()) {
            return false;
        }
        for (SegmentPosition segment : segments) {
            if (aggregateId != null && segments.size() > 1 && !mask(segment).matches(aggregateId)) {
                continue;
            }
            if (segment.token() == null) {
                return false;
            }
            if (!reached(segment.token(), position) && (aggregateId != null || hasOwnEventsBefore(segment, position))) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far the processor has processed the stream up to {@code head}: the lowest position its segments have
     * reached, where a segment with none of its own events left before {@code head} counts as there; empty when it
     * has stored no position yet.
     */
    OptionalLong position(long head) {
        long lowest = Long.MAX_VALUE;
        for (SegmentPosition segment : segments) {
            if (segment.token() == null) {
                return OptionalLong.empty();
            }
            long reached = segment.token().position().orElse(-1);
            if (reached < head && !hasOwnEventsBefore(segment, head)) {
                reached = head;
            }
            lowest = Math.min(lowest, reached);
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** Whether {@code token} has passed {@code position}: not only beyond it, but not leaving it behind as a gap. */
    static boolean reached(TrackingToken token, long position) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token.position().orElse(-1) >= position;
    }

    /**
     * Whether an event up to {@code position} that {@code segment} has not passed is its own. With one segment every
     * event is; a segment far behind is taken to have some.
     */
    private boolean hasOwnEventsBefore(SegmentPosition segment, long position) {
        if (segments.size() == 1
                || !(segment.token() instanceof GapAwareTrackingToken gapAware)
                || position - gapAware.getIndex() > LOOK_AHEAD_MAX) {
            return true;
        }
        List<Long> gaps =
                gapAware.getGaps().stream().filter(gap -> gap <= position).toList();
        Segment mask = mask(segment);
        return events.between(gapAware.getIndex(), position, gaps).stream()
                .anyMatch(event -> mask.matches(event.aggregateId()) && handlesPayloadType.test(event.payloadType()));
    }

    private Segment mask(SegmentPosition segment) {
        for (Segment mask : masks) {
            if (mask.getSegmentId() == segment.segment()) {
                return mask;
            }
        }
        throw new IllegalStateException("no segment " + segment.segment());
    }
}
