package nl.kassier.ledger.api.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import nl.kassier.ledger.api.problem.Failures;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;

/**
 * Retries a command that lost a race ({@link Failures#isLostRace}: another node appended the aggregate's next event
 * first, or committed the same unique row first), and nothing else: a refusal, a database that is away and an
 * unexpected fault are answered at once. The pause is random and grows with each loss ("full jitter": drawn from zero
 * up to a ceiling that doubles per attempt), so that the losers of two nodes do not stay in step and lose again
 * together. Retries and commands given up are counted, so that contention shows on the dashboards before it shows to
 * callers.
 */
public final class LostRaceRetries extends AbstractRetryScheduler {

    static final String RETRIES = "ledger.command.retries";

    private final long firstCeilingMillis;
    private final long maxCeilingMillis;
    private final MeterRegistry registry;

    private LostRaceRetries(Builder builder) {
        super(builder);
        this.firstCeilingMillis = builder.firstCeilingMillis;
        this.maxCeilingMillis = builder.maxCeilingMillis;
        this.registry = builder.registry;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    @SuppressWarnings("rawtypes") // Axon's own signature
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable dispatchTask) {
        boolean retried = super.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
        if (retried || !isExplicitlyNonTransient(lastFailure)) {
            Counter.builder(RETRIES)
                    .description("Commands that failed for a transient reason (mostly a race for an aggregate lost to"
                            + " another node), by type and whether they were retried or given up")
                    .tag("command", commandMessage.getPayloadType().getSimpleName())
                    .tag("outcome", retried ? "retried" : "given_up")
                    .register(registry)
                    .increment();
        }
        return retried;
    }

    /** Only a lost race is worth another attempt; Axon's own predicates are not consulted. */
    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !Failures.isLostRace(failure);
    }

    @Override
    @SuppressWarnings("rawtypes") // Axon's own signature
    protected long computeRetryInterval(
            CommandMessage commandMessage, RuntimeException lastFailure, List<Class<? extends Throwable>[]> failures) {
        return pause(failures.size(), firstCeilingMillis, maxCeilingMillis, ThreadLocalRandom.current());
    }

    /** The pause before retry number {@code attempt} (1 for the first): uniform in [1, min(max, first·2^(n-1))]. */
    static long pause(int attempt, long firstCeilingMillis, long maxCeilingMillis, Random random) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 20);
        long ceiling = Math.min(maxCeilingMillis, firstCeilingMillis << doublings);
        return 1 + random.nextLong(ceiling);
    }

    /** Settings of {@link LostRaceRetries}. */
    public static final class Builder extends AbstractRetryScheduler.Builder<Builder> {

        private long firstCeilingMillis = 10;
        private long maxCeilingMillis = 500;
        private MeterRegistry registry;

        /** The ceiling of the first pause; each later ceiling doubles, up to {@link #maxCeilingMillis(long)}. */
        public Builder firstCeilingMillis(long millis) {
            this.firstCeilingMillis = millis;
            return this;
        }

        public Builder maxCeilingMillis(long millis) {
            this.maxCeilingMillis = millis;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        public LostRaceRetries build() {
            validate();
            if (firstCeilingMillis < 1 || maxCeilingMillis < firstCeilingMillis || registry == null) {
                throw new IllegalStateException("retries need 1 <= first ceiling <= max ceiling and a meter registry");
            }
            return new LostRaceRetries(this);
        }
    }
}
