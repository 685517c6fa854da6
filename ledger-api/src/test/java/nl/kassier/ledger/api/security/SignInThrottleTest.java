package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed sign-ins pause further attempts per name and per address, with pauses that double, and are forgotten. */
class SignInThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker clock = nanos::get;
    private final SignInThrottle throttle = new SignInThrottle(clock);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void letsAFewFailuresPassThenPausesTheNameWithDoublingPauses() {
        for (int i = 0; i < SignInThrottle.USER_FAILURES_FREE; i++) {
            assertThat(throttle.pause("kassier", "10.0.0." + i)).isEmpty();
            throttle.failed("kassier", "10.0.0." + i);
        }
        assertThat(throttle.pause("kassier", "10.0.0.99")).isEmpty();

        throttle.failed("kassier", "10.0.0.99");
        assertThat(throttle.pause("kassier", "10.0.0.100")).hasValue(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.pause("kassier", "10.0.0.100")).isEmpty();
        throttle.failed("kassier", "10.0.0.100");
        assertThat(throttle.pause("kassier", "10.0.0.101")).hasValue(Duration.ofSeconds(2));
        // Another name from another address goes on.
        assertThat(throttle.pause("auditor", "10.0.1.1")).isEmpty();
    }

    @Test
    void pausesAnAddressThatTriesManyNames() {
        for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES_FREE; i++) {
            throttle.failed("name-" + i, "192.0.2.7");
        }
        assertThat(throttle.pause("someone-else", "192.0.2.7")).isEmpty();
        throttle.failed("name-x", "192.0.2.7");
        assertThat(throttle.pause("someone-else", "192.0.2.7")).isPresent();
        assertThat(throttle.pause("someone-else", "192.0.2.8")).isEmpty();
    }

    @Test
    void neverPausesLongerThanTheMaximumAndForgetsAfterAQuietWhile() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("kassier", null);
        }
        assertThat(throttle.pause("kassier", null)).hasValue(SignInThrottle.PAUSE_MAX);
        assertThat(SignInThrottle.pauseAfter(100)).isEqualTo(SignInThrottle.PAUSE_MAX.toNanos());

        advance(SignInThrottle.MEMORY.plusSeconds(1));
        assertThat(throttle.pause("kassier", null)).isEmpty();
        throttle.failed("kassier", null);
        assertThat(throttle.pause("kassier", null)).as("counting starts anew").isEmpty();
    }

    @Test
    void aSuccessClearsTheNamesFailures() {
        for (int i = 0; i < SignInThrottle.USER_FAILURES_FREE; i++) {
            throttle.failed("kassier", "10.0.0.1");
        }
        throttle.succeeded("kassier");
        throttle.failed("kassier", "10.0.0.1");
        assertThat(throttle.pause("kassier", "10.0.0.2")).isEmpty();
    }
}
