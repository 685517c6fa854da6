package nl.kassier.ledger.api.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import nl.kassier.ledger.infra.eventstore.EventLog;
import nl.kassier.ledger.infra.eventstore.TokenTable;
import nl.kassier.ledger.projections.ReadModels;
import nl.kassier.ledger.projections.budget.BudgetProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
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

    private final EventLog events;
    private final TokenTable tokens;
    private final EventProcessingConfiguration processing;
    private final BudgetProjection budgets;
    private final Counter timeouts;

    public ProjectionBarrier(
            JdbcTemplate jdbc,
            Serializer serializer,
            EventProcessingConfiguration processing,
            BudgetProjection budgets,
            MeterRegistry registry) {
        this.events = new EventLog(jdbc);
        this.budgets = budgets;
        this.tokens = new TokenTable(jdbc, serializer);
        this.processing = processing;
        this.timeouts = Counter.builder("ledger.projection.barrier.timeouts")
                .description("Answers given before the read models showed the command's effect (waited too long)")
                .register(registry);
    }

    /**
     * Waits until the read models that handle it have processed the latest event of {@code aggregateId}. A processor
     * that has no handler for the event's type stores its position only now and then, and has nothing to show. Of a
     * processor in several segments, only the segment that owns the aggregate is waited for: it applies all of the
     * aggregate's events, in order, and what the others have still to do is other aggregates' business. A budget's
     * events are applied to the read models in the transaction that appended them (BudgetViewInTheAppend): once the
     * read models show its latest event, the processor that keeps them has nothing left to show of it.
     */
    public void awaitAggregate(String aggregateId) {
        events.latestOf(aggregateId).ifPresent(latest -> {
            List<String> processors = processorsHandling(latest.payloadType());
            if (processors.contains(ReadModels.PROCESSING_GROUP) && budgets.showsLatestEventOf(aggregateId)) {
                processors = processors.stream()
                        .filter(name -> !name.equals(ReadModels.PROCESSING_GROUP))
                        .toList();
            }
            await(latest.position(), processors, aggregateId, WAIT_MAX);
        });
    }

    /**
     * Waits until the read models have processed every event recorded so far, including those that processors
     * recorded in turn (an amendment's adoption by the budgets).
     */
    public void awaitEverything() {
        awaitEverything(WAIT_MAX);
    }

    /** Waits up to {@code patience} for the read models to process every event recorded so far. */
    public void awaitEverything(Duration patience) {
        events.headPosition().ifPresent(head -> await(head, processorNames(), null, patience));
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
                    done = progress(processor).processed(position, aggregateId);
                } else if (here || System.nanoTime() < nextTableCheck) {
                    done = here;
                } else {
                    // Now and then the table too, in case the segment has just passed to another node.
                    done = progress(processor).processed(position, aggregateId);
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
                return current != null && SegmentProgress.reached(current, position);
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
        return progress(processor).position(head);
    }

    /** The positions {@code processor}'s segments have committed, as the token table holds them now. */
    private SegmentProgress progress(String processor) {
        return new SegmentProgress(
                tokens.segments(processor), payloadType -> handles(processor, payloadType), events::between);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
