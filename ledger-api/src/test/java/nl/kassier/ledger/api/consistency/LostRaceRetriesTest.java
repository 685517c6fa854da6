package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class LostRaceRetriesTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LostRaceRetries retries = LostRaceRetries.builder()
            .retryExecutor(executor)
            .maxRetryCount(3)
            .firstCeilingMillis(1)
            .maxCeilingMillis(2)
            .meterRegistry(registry)
            .build();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void pausesAtRandomBelowACeilingThatDoublesUpToItsMaximum() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(500, 10L << Math.min(attempt - 1, 20));
            long smallest = Long.MAX_VALUE;
            long largest = 0;
            for (int i = 0; i < 2_000; i++) {
                long pause = LostRaceRetries.pause(attempt, 10, 500, random);
                smallest = Math.min(smallest, pause);
                largest = Math.max(largest, pause);
            }
            assertThat(smallest).as("attempt %d", attempt).isBetween(1L, ceiling / 4 + 1);
            assertThat(largest).as("attempt %d", attempt).isBetween(ceiling * 3 / 4, ceiling);
        }
    }

    @Test
    void retriesALostRaceUpToItsMaximumAndCountsEachRetryAndTheGivingUp() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        List<Boolean> scheduled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            failures.add(classes(ConcurrencyException.class));
            scheduled.add(retries.scheduleRetry(command(), new ConcurrencyException("lost"), failures, () -> {}));
        }
        assertThat(scheduled).containsExactly(true, true, true, false);
        assertThat(count("retried")).isEqualTo(3);
        assertThat(count("given_up")).isEqualTo(1);
    }

    @Test
    void neverRetriesARefusalByTheDomainNorCountsIt() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(classes(LedgerRejection.class));
        LedgerRejection refusal = new LedgerRejection(LedgerErrorCode.CAP_EXCEEDED, "the cap is reached");
        assertThat(retries.scheduleRetry(command(), refusal, failures, () -> {}))
                .isFalse();
        assertThat(registry.find(LostRaceRetries.RETRIES).counters()).isEmpty();
    }

    @Test
    void retriesAUniqueRowAnotherNodeCommittedFirst() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(classes(DuplicateKeyException.class));
        assertThat(retries.scheduleRetry(
                        command(), new DuplicateKeyException("payment_id_claim_key"), failures, () -> {}))
                .isTrue();
    }

    @Test
    void neverRetriesAnUnexpectedFaultNorADatabaseThatIsAway() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(classes(NullPointerException.class));
        assertThat(retries.scheduleRetry(command(), new NullPointerException("a bug"), failures, () -> {}))
                .isFalse();
        assertThat(retries.scheduleRetry(
                        command(),
                        new IllegalStateException(new CannotGetJdbcConnectionException("no connection")),
                        failures,
                        () -> {}))
                .isFalse();
    }

    private double count(String outcome) {
        return registry.get(LostRaceRetries.RETRIES)
                .tag("command", "String")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static GenericCommandMessage<String> command() {
        return new GenericCommandMessage<>("reserve");
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    private static Class<? extends Throwable>[] classes(Class<? extends Throwable>... classes) {
        return classes;
    }
}
