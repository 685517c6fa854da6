package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sign-in attempts are paused per name and address, per address and per name, with doubling pauses. */
class SignInThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker clock = nanos::get;
    private final SignInThrottle throttle = new SignInThrottle(clock);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void pausesANameFromOneAddressAfterAFewAttemptsWithDoublingPauses() {
        for (int i = 0; i <= SignInThrottle.PAIR_ATTEMPTS_FREE; i++) {
            assertThat(throttle.attempt("kassier", "10.0.0.1"))
                    .as("attempt %d", i + 1)
                    .isEmpty();
        }
        assertThat(throttle.attempt("kassier", "10.0.0.1")).hasValue(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.attempt("kassier", "10.0.0.1")).isEmpty();
        assertThat(throttle.attempt("kassier", "10.0.0.1")).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void aNameGuessedFromOneAddressStaysUsableFromAnother() {
        for (int i = 0; i < 10; i++) {
            throttle.attempt("kassier", "192.0.2.7");
        }
        assertThat(throttle.attempt("kassier", "192.0.2.7")).isPresent();
        assertThat(throttle.attempt("kassier", "10.0.0.1")).isEmpty();
    }

    @Test
    void pausesAnAddressThatTriesManyNamesAndANameTriedFromManyAddresses() {
        for (int i = 0; i <= SignInThrottle.ADDRESS_ATTEMPTS_FREE; i++) {
            assertThat(throttle.attempt("name-" + i, "192.0.2.7")).isEmpty();
        }
        assertThat(throttle.attempt("someone-else", "192.0.2.7")).isPresent();
        assertThat(throttle.attempt("someone-else", "192.0.2.8")).isEmpty();

        for (int i = 0; i <= SignInThrottle.NAME_ATTEMPTS_FREE; i++) {
            throttle.attempt("auditor", "198.51.100." + i);
        }
        assertThat(throttle.attempt("auditor", "203.0.113.1")).isPresent();
    }

    @Test
    void neverPausesLongerThanTheMaximumAndForgetsAfterAQuietWhile() {
        assertThat(SignInThrottle.pauseAfter(100)).isEqualTo(SignInThrottle.PAUSE_MAX.toNanos());
        for (int i = 0; i < 40; i++) {
            throttle.attempt("kassier", "10.0.0.1");
            advance(SignInThrottle.PAUSE_MAX);
        }
        throttle.attempt("kassier", "10.0.0.1");
        assertThat(throttle.attempt("kassier", "10.0.0.1")).hasValue(SignInThrottle.PAUSE_MAX);

        advance(SignInThrottle.MEMORY.plusSeconds(1));
        assertThat(throttle.attempt("kassier", "10.0.0.1"))
                .as("counting starts anew")
                .isEmpty();
        assertThat(throttle.attempt("kassier", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNamesAttempts() {
        for (int i = 0; i <= SignInThrottle.PAIR_ATTEMPTS_FREE; i++) {
            throttle.attempt("kassier", "10.0.0.1");
        }
        throttle.succeeded("kassier", "10.0.0.1");
        assertThat(throttle.attempt("kassier", "10.0.0.1")).isEmpty();
    }

    @Test
    void parallelAttemptsGetNoMoreTriesThanSerialOnes() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> allowed = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            allowed.add(pool.submit(() -> {
                start.await();
                return throttle.attempt("kassier", "10.0.0.1").isEmpty();
            }));
        }
        start.countDown();
        int passed = 0;
        for (Future<Boolean> attempt : allowed) {
            passed += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(passed).isEqualTo(SignInThrottle.PAIR_ATTEMPTS_FREE + 1);
    }
}
