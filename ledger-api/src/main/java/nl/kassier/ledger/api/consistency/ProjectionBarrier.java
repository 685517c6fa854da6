package nl.kassier.ledger.api.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read your writes: after a command has been recorded, waits until every read model has processed its events, so
 * that the 2xx answer is only given once any GET, by any user on any node, shows the effect. The processors'
 * positions are read from the token table, which each processor updates in the same transaction as its read model,
 * so a position seen there is a position committed in the read model.
 */
@Component
public class ProjectionBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionBarrier.class);
    private static final Duration WAIT_MAX = Duration.ofSeconds(10);
    private static final long PAUSE_MAX_MILLIS = 20;
    /** How often this node's own processor status is looked at while waiting for it: in memory, so often. */
    private static final long LOCAL_PAUSE_NANOS = 200_000;
    /** While watching this node's processor, how often the token table is read as well. */
    private static final long TABLE_CHECK_NANOS = 25_000_000;
    /** A segment further behind than this many positions is simply waited for. */
    private static final long LOOK_AHEAD_MAX = 10_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final Counter timeouts;

    public ProjectionBarrier(
            JdbcTemplate jdbc, Serializer serializer, EventProcessingConfiguration processing, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.timeouts = Counter.builder("ledger.projection.barrier.timeouts")
                .description("Answers given before the read models showed the command's effect (waited too long)")
                .register(registry);
    }

    /**
     * Waits until the read models that handle it have processed the latest event of {@code aggregateId}. A processor
     * that has no handler for the event's type stores its position only now and then, and has nothing to show. Of a
     * processor in several segments, only the segment that owns the aggregate is waited for: it applies all of the
     * aggregate's events, in order, and what the others have still to do is other aggregates' business.
     */
    public void awaitAggregate(String aggregateId) {
        List<LatestEvent> latest = jdbc.query(
                "SELECT global_index, payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                (rs, row) -> new LatestEvent(rs.getLong("global_index"), rs.getString("payload_type")),
                aggregateId);
        if (!latest.isEmpty()) {
            await(latest.get(0).position(), processorsHandling(latest.get(0).payloadType()), aggregateId, WAIT_MAX);
        }
    }

    private record LatestEvent(long position, String payloadType) {}

    /**
     * Waits until the read models have processed every event recorded so far, including those that processors
     * recorded in turn (an amendment's adoption by the budgets).
     */
    public void awaitEverything() {
        awaitEverything(WAIT_MAX);
    }

    /** Waits up to {@code patience} for the read models to process every event recorded so far. */
    public void awaitEverything(Duration patience) {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        if (head != null) {
            await(head, processorNames(), null, patience);
        }
    }

    /** Waits until every streaming processor has processed the event at {@code position}. */
    public void await(long position) {
        await(position, processorNames());
    }

    private void await(long position, List<String> processors) {
        await(position, processors, null, WAIT_MAX);
    }

    /**
     * Waits for {@code processors} to reach {@code position}: in the segment that owns {@code aggregateId}, if any.
     * Where this node processes that segment itself, its processor's own status is watched, in memory; otherwise the
     * token table is read, at growing intervals.
     */
    private void await(long position, List<String> processors, String aggregateId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pauseMillis = 1;
        for (String processor : processors) {
            long nextTableCheck = System.nanoTime() + TABLE_CHECK_NANOS;
            while (true) {
                Boolean here = aggregateId == null ? null : processedHere(processor, position, aggregateId);
                boolean done;
                if (here == null) {
                    done = processed(processor, position, aggregateId);
                } else if (here || System.nanoTime() < nextTableCheck) {
                    done = here;
                } else {
                    // Now and then the table too, in case the segment has just passed to another node.
                    done = processed(processor, position, aggregateId);
                    nextTableCheck = System.nanoTime() + TABLE_CHECK_NANOS;
                }
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timeouts.increment();
                    LOG.warn("read model {} has not reached position {} after {}", processor, position, patience);
                    return;
                }
                if (here != null) {
                    LockSupport.parkNanos(LOCAL_PAUSE_NANOS);
                } else {
                    sleep(pauseMillis);
                    pauseMillis = Math.min(PAUSE_MAX_MILLIS, pauseMillis * 2);
                }
            }
        }
    }

    /**
     * Whether the segment of {@code processor} that owns {@code aggregateId} has processed {@code position}, as this
     * node's processor knows it; {@code null} when this node does not process that segment. A tracking processor
     * advances its status only after the batch's transaction has committed (or, for a batch with nothing for the
     * segment, when there was nothing to write), so what it shows is what the read model shows.
     */
    private Boolean processedHere(String processor, long position, String aggregateId) {
        if (!(processing.eventProcessors().get(processor) instanceof StreamingEventProcessor streaming)) {
            return null;
        }
        for (EventTrackerStatus status : streaming.processingStatus().values()) {
            if (status.getSegment().matches(aggregateId)) {
                if (status.isErrorState() || status.getTrackingToken() == null) {
                    return null;
                }
                TrackingToken token = status.getTrackingToken();
                TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
                return current != null && reached(current, position);
            }
        }
        return null;
    }

    private List<String> processorNames() {
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private List<String> processorsHandling(String payloadType) {
        return processorNames().stream()
                .filter(name -> handles(name, payloadType))
                .toList();
    }

    /** Whether {@code processor} has a handler for events of {@code payloadType} (when in doubt, it has). */
    private boolean handles(String processor, String payloadType) {
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return true;
        }
        return !(processing.eventProcessors().get(processor) instanceof AbstractEventProcessor handlers)
                || handlers.eventHandlerInvoker().canHandleType(type);
    }

    /** The names of the streaming processors (the read models and the processors that act on events). */
    public List<String> processors() {
        return processorNames();
    }

    /**
     * How far {@code processor} has processed the stream up to {@code head}: the lowest position its segments have
     * reached, where a segment with none of its own events left before {@code head} counts as there (positions left
     * behind by transactions that rolled back are holes, not lag); empty when it has stored no position yet.
     */
    public OptionalLong position(String processor, long head) {
        List<SegmentToken> segments = tokens(processor);
        Segment[] masks = Segment.computeSegments(
                segments.stream().mapToInt(SegmentToken::segment).toArray());
        long lowest = Long.MAX_VALUE;
        for (SegmentToken segment : segments) {
            if (segment.token() == null) {
                return OptionalLong.empty();
            }
            long reached = segment.token().position().orElse(-1);
            if (reached < head && !hasOwnEventsBefore(processor, segments, masks, segment, head)) {
                reached = head;
            }
            lowest = Math.min(lowest, reached);
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /**
     * Whether {@code processor} has processed every event up to {@code position} that is its to process. A processor
     * in several segments splits the stream by aggregate: each segment handles the events of its aggregates and moves
     * its position past the others' only once it has nothing of its own to do (a second or so later). So a segment
     * whose position is still behind has done its part when none of the events it has not passed is one of its own.
     */
    private boolean processed(String processor, long position, String aggregateId) {
        List<SegmentToken> segments = tokens(processor);
        if (segments.isEmpty()) {
            return false;
        }
        Segment[] masks = Segment.computeSegments(
                segments.stream().mapToInt(SegmentToken::segment).toArray());
        for (SegmentToken segment : segments) {
            if (aggregateId != null
                    && segments.size() > 1
                    && !mask(masks, segment).matches(aggregateId)) {
                continue;
            }
            if (segment.token() == null) {
                return false;
            }
            if (!reached(segment.token(), position)
                    // The aggregate's own event at the position is this segment's to apply: no need to look.
                    && (aggregateId != null || hasOwnEventsBefore(processor, segments, masks, segment, position))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an event up to {@code position} that {@code segment} has not passed is its own. With one segment every
     * event is; a segment far behind is taken to have some.
     */
    private boolean hasOwnEventsBefore(
            String processor, List<SegmentToken> segments, Segment[] masks, SegmentToken segment, long position) {
        if (segments.size() == 1) {
            return true;
        }
        return hasOwnEventsBefore(processor, mask(masks, segment), segment.token(), position);
    }

    /** Whether an event up to {@code position} that {@code token} has not passed belongs to {@code segment}. */
    private boolean hasOwnEventsBefore(String processor, Segment segment, TrackingToken token, long position) {
        if (!(token instanceof GapAwareTrackingToken gapAware) || position - gapAware.getIndex() > LOOK_AHEAD_MAX) {
            return true;
        }
        Long[] gaps = gapAware.getGaps().stream().filter(gap -> gap <= position).toArray(Long[]::new);
        List<String[]> pending = jdbc.query(
                "SELECT aggregate_identifier, payload_type FROM domain_event_entry"
                        + " WHERE (global_index > ? AND global_index <= ?) OR global_index = ANY(?)",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)},
                gapAware.getIndex(),
                position,
                gaps);
        return pending.stream().anyMatch(event -> segment.matches(event[0]) && handles(processor, event[1]));
    }

    private static Segment mask(Segment[] masks, SegmentToken segment) {
        for (Segment mask : masks) {
            if (mask.getSegmentId() == segment.segment()) {
                return mask;
            }
        }
        throw new IllegalStateException("no segment " + segment.segment());
    }

    /** A segment of a processor and how far it has read; the token is {@code null} before it has read anything. */
    private record SegmentToken(int segment, TrackingToken token) {}

    private List<SegmentToken> tokens(String processor) {
        return jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> {
                    byte[] data = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken token = data == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                    return new SegmentToken(
                            rs.getInt("segment"),
                            token instanceof ReplayToken replay ? replay.getCurrentToken() : token);
                },
                processor);
    }

    private static boolean reached(TrackingToken current, long position) {
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current.position().orElse(-1) >= position;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
