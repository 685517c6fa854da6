package nl.kassier.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing. Failed sign-ins are counted per user name and per client address; past a few, every
 * further attempt on that name or from that address is refused without looking at the password until a pause has
 * passed, which doubles with each failure up to {@link #PAUSE_MAX}. A guesser then gets a handful of tries a minute
 * instead of hundreds a second, and the CPU that bcrypt would have spent on them stays with the other users. A
 * success clears the name's count. Both maps are bounded ({@value #KEYS_MAX} entries each) and forget a name or an
 * address after {@link #MEMORY} without failures.
 */
public final class SignInThrottle {

    /** Failures a user name may have before its attempts are paused. */
    static final int USER_FAILURES_FREE = 5;
    /** Failures one address may have, for all names together, before its attempts are paused. */
    static final int ADDRESS_FAILURES_FREE = 20;

    static final Duration PAUSE_FIRST = Duration.ofSeconds(1);
    static final Duration PAUSE_MAX = Duration.ofMinutes(5);
    static final Duration MEMORY = Duration.ofMinutes(15);
    static final int KEYS_MAX = 10_000;

    private final Ticker ticker;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    public SignInThrottle() {
        this(Ticker.systemTicker());
    }

    SignInThrottle(Ticker ticker) {
        this.ticker = ticker;
        this.byUser = cache(ticker);
        this.byAddress = cache(ticker);
    }

    private static Cache<String, Failures> cache(Ticker ticker) {
        return Caffeine.newBuilder()
                .maximumSize(KEYS_MAX)
                .expireAfterWrite(MEMORY)
                .ticker(ticker)
                .build();
    }

    /** Failures so far and the instant (on the ticker, in nanoseconds) before which no attempt is taken. */
    private record Failures(int count, long pausedUntil) {}

    /** How long the caller must wait before an attempt for {@code username} from {@code address} is taken; empty: now. */
    public Optional<Duration> pause(String username, String address) {
        long now = ticker.read();
        long until = Math.max(pausedUntil(byUser, username), pausedUntil(byAddress, address));
        return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    public void failed(String username, String address) {
        record(byUser, username, USER_FAILURES_FREE);
        record(byAddress, address, ADDRESS_FAILURES_FREE);
    }

    public void succeeded(String username) {
        byUser.invalidate(username);
    }

    private static long pausedUntil(Cache<String, Failures> failures, String key) {
        if (key == null) {
            return Long.MIN_VALUE;
        }
        Failures known = failures.getIfPresent(key);
        return known == null ? Long.MIN_VALUE : known.pausedUntil();
    }

    private void record(Cache<String, Failures> failures, String key, int free) {
        if (key == null) {
            return;
        }
        failures.asMap().compute(key, (k, known) -> {
            int count = known == null ? 1 : known.count() + 1;
            long pause = count <= free ? 0 : pauseAfter(count - free);
            return new Failures(count, ticker.read() + pause);
        });
    }

    /** The pause after the {@code n}-th failure beyond the free ones: 1 s, 2 s, 4 s … up to five minutes. */
    static long pauseAfter(int n) {
        long nanos = PAUSE_FIRST.toNanos() << Math.min(n - 1, 20);
        return Math.min(nanos, PAUSE_MAX.toNanos());
    }
}
