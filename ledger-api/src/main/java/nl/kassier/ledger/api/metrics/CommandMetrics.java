package nl.kassier.ledger.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Times every command from its handling to its commit or rollback, tagged with the command's type and its outcome:
 * {@code accepted} (committed), {@code refused} (the domain said no; also counted per error code) or {@code failed}
 * (anything else, such as a lost race for an aggregate that the gateway then retries, or the database being away).
 */
@Component
public class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String COMMANDS = "ledger.commands";
    static final String REFUSALS = "ledger.refusals";

    private final MeterRegistry registry;

    /** Axon's Spring Boot support registers this bean on the command bus, as every command handler interceptor. */
    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        long start = System.nanoTime();
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        AtomicBoolean recorded = new AtomicBoolean();
        unitOfWork.afterCommit(u -> record(recorded, command, "accepted", start));
        unitOfWork.onRollback(u -> record(recorded, command, "failed", start));
        try {
            return chain.proceed();
        } catch (LedgerRejection rejection) {
            record(recorded, command, "refused", start);
            Counter.builder(REFUSALS)
                    .description("Commands the domain refused, by command type and error code")
                    .tag("command", command)
                    .tag("code", rejection.code().name())
                    .register(registry)
                    .increment();
            throw rejection;
        }
    }

    private void record(AtomicBoolean recorded, String command, String outcome, long start) {
        if (recorded.compareAndSet(false, true)) {
            Timer.builder(COMMANDS)
                    .description("Commands handled, by type and outcome, from handling to commit or rollback")
                    .tag("command", command)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
