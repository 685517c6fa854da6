package nl.kassier.ledger.api.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
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
     * that has no handler for the event's type stores its position only now and then, and has nothing to show.
     */
    public void awaitAggregate(String aggregateId) {
        List<LatestEvent> latest = jdbc.query(
                "SELECT global_index, payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                (rs, row) -> new LatestEvent(rs.getLong("global_index"), rs.getString("payload_type")),
                aggregateId);
        if (!latest.isEmpty()) {
            await(latest.get(0).position(), processorsHandling(latest.get(0).payloadType()));
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
            await(head, processorNames(), patience);
        }
    }

    /** Waits until every streaming processor has processed the event at {@code position}. */
    public void await(long position) {
        await(position, processorNames());
    }

    private void await(long position, List<String> processors) {
        await(position, processors, WAIT_MAX);
    }

    private void await(long position, List<String> processors, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pauseMillis = 1;
        for (String processor : processors) {
            while (!processed(processor, position)) {
                if (System.nanoTime() > deadline) {
                    timeouts.increment();
                    LOG.warn("read model {} has not reached position {} after {}", processor, position, patience);
                    return;
                }
                sleep(pauseMillis);
                pauseMillis = Math.min(PAUSE_MAX_MILLIS, pauseMillis * 2);
            }
        }
    }

    private List<String> processorNames() {
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private List<String> processorsHandling(String payloadType) {
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return processorNames();
        }
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .filter(e -> !(e.getValue() instanceof AbstractEventProcessor handlers)
                        || handlers.eventHandlerInvoker().canHandleType(type))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The names of the streaming processors (the read models and the processors that act on events). */
    public List<String> processors() {
        return processorNames();
    }

    /**
     * How far {@code processor} has read the stream: the lowest position its segments have reached (positions left
     * behind by transactions that rolled back are holes, not lag), or empty when it has stored no position yet.
     */
    public OptionalLong position(String processor) {
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens(processor)) {
            TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
            if (current == null) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, current.position().orElse(-1));
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    private boolean processed(String processor, long position) {
        List<TrackingToken> tokens = tokens(processor);
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            if (!reached(token, position)) {
                return false;
            }
        }
        return true;
    }

    private List<TrackingToken> tokens(String processor) {
        List<TrackingToken> tokens = jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> {
                    byte[] data = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    if (data == null || type == null) {
                        return null;
                    }
                    return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                },
                processor);
        tokens.removeIf(java.util.Objects::isNull);
        return tokens;
    }

    private static boolean reached(TrackingToken token, long position) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
