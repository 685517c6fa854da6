package nl.kassier.ledger.api.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Whether the event processors move: {@code /actuator/health} is DOWN while any segment of a processor on this node is
 * stuck on an event (Axon retries it with a growing pause, up to a minute, and reports the segment in error), naming
 * the processor, the segment, the position it is stuck after and the failure; UP again as soon as it moves on. A read
 * model that stalls silently would answer stale figures for ever, so it must show where an operator looks.
 *
 * <p>{@code ledger.processor.failures} counts the batches that failed and were rolled back, by processor, and {@code
 * ledger.processor.stuck.segments} is the number of segments in error now. README, "A read model is stuck", says what
 * an operator does about it.
 */
@Component
public class EventProcessorsHealthIndicator implements HealthIndicator {

    static final String FAILURES = "ledger.processor.failures";
    static final String STUCK = "ledger.processor.stuck.segments";
    private static final String COUNTED = EventProcessorsHealthIndicator.class.getName() + ".counted";

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(@Lazy EventProcessingConfiguration processing, MeterRegistry registry) {
        this.processing = processing;
        Gauge.builder(STUCK, processing, EventProcessorsHealthIndicator::stuckSegments)
                .description("Segments of the event processors on this node that are stuck on an event")
                .register(registry);
    }

    @Override
    public Health health() {
        return health(processing);
    }

    /**
     * Counts each failed batch once: the handler interceptor of every processor hooks the rollback of the batch's unit
     * of work, which is where a failure to write a read model ends.
     */
    @Bean
    static ConfigurerModule processorFailureCounting(MeterRegistry registry) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                (configuration, name) -> countingRollbacks(registry, name)));
    }

    static Health health(EventProcessingConfiguration processing) {
        Map<String, Object> stuck = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                List<Map<String, Object>> segments = new ArrayList<>();
                streaming.processingStatus().values().stream()
                        .filter(EventTrackerStatus::isErrorState)
                        .forEach(status -> segments.add(describe(status)));
                if (!segments.isEmpty()) {
                    stuck.put(name, segments);
                }
            }
        });
        return stuck.isEmpty()
                ? Health.up().build()
                : Health.down().withDetail("stuck", stuck).build();
    }

    private static Map<String, Object> describe(EventTrackerStatus status) {
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("segment", status.getSegment().getSegmentId());
        segment.put(
                "position",
                status.getCurrentPosition().isPresent()
                        ? status.getCurrentPosition().getAsLong()
                        : null);
        Throwable error = status.getError();
        segment.put("error", error == null ? null : rootCause(error));
        return segment;
    }

    /**
     * The innermost cause's first line: what an operator searches the log for. The lines after it (PostgreSQL's
     * "Failing row contains …") can hold a row's values, which have no place here; the log has them in full.
     */
    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static double stuckSegments(EventProcessingConfiguration processing) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .flatMap(p -> p.processingStatus().values().stream())
                .filter(EventTrackerStatus::isErrorState)
                .count();
    }

    private static MessageHandlerInterceptor<EventMessage<?>> countingRollbacks(MeterRegistry registry, String name) {
        Counter failures = Counter.builder(FAILURES)
                .description("Batches of events an event processor failed to process and rolled back; it retries them")
                .tag("processor", name)
                .register(registry);
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            batch.getOrComputeResource(COUNTED, key -> {
                batch.onRollback(u -> failures.increment());
                return Boolean.TRUE;
            });
            return chain.proceed();
        };
    }
}
