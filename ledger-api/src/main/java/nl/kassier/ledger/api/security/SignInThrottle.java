package nl.kassier.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down password guessing. Every sign-in attempt whose password has to be checked (any but one verified before)
 * is counted, as it starts, per name and client address, per address, and per name from anywhere; past a few, further attempts there are refused without looking at the password
 * until a pause has passed, which doubles with each attempt up to {@link #PAUSE_MAX}. A success clears the name's
 * counts. Counting at the start, in one atomic step per count, means parallel guesses get no more tries than serial
 * ones: a guesser gets a handful a minute instead of hundreds a second, and the CPU that bcrypt would have spent stays
 * with the other users.
 *
 * <p>The name is paused for one address at {@value #PAIR_ATTEMPTS_FREE} attempts but for all addresses only at
 * {@value #NAME_ATTEMPTS_FREE}, so that someone guessing from one place cannot lock a colleague out everywhere. Every
 * map is bounded ({@value #KEYS_MAX} entries) and forgets a key {@link #MEMORY} after its last attempt.
 */
public final class SignInThrottle {

    /** Attempts for one name from one address before they are paused. */
    static final int PAIR_ATTEMPTS_FREE = 5;
    /** Attempts from one address, for all names together, before they are paused. */
    static final int ADDRESS_ATTEMPTS_FREE = 20;
    /** Attempts for one name, from all addresses together, before they are paused. */
    static final int NAME_ATTEMPTS_FREE = 50;

    static final Duration PAUSE_FIRST = Duration.ofSeconds(1);
    static final Duration PAUSE_MAX = Duration.ofMinutes(5);
    static final Duration MEMORY = Duration.ofMinutes(15);
    static final int KEYS_MAX = 10_000;

    private final Ticker ticker;
    private final Cache<String, Attempts> byPair;
    private final Cache<String, Attempts> byAddress;
    private final Cache<String, Attempts> byName;

    public SignInThrottle() {
        this(Ticker.systemTicker());
    }

    SignInThrottle(Ticker ticker) {
        this.ticker = ticker;
        this.byPair = cache(ticker);
        this.byAddress = cache(ticker);
        this.byName = cache(ticker);
    }

    private static Cache<String, Attempts> cache(Ticker ticker) {
        return Caffeine.newBuilder()
                .maximumSize(KEYS_MAX)
                .expireAfterWrite(MEMORY)
                .ticker(ticker)
                .build();
    }

    /** Attempts so far and the instant (on the ticker, in nanoseconds) before which no further one is taken. */
    private record Attempts(int count, long pausedUntil) {}

    /**
     * Counts an attempt for {@code username} from {@code address} (either may be null), or refuses it: empty when it
     * may go ahead, else how long to wait.
     */
    public Optional<Duration> attempt(String username, String address) {
        AtomicLong refusedFor = new AtomicLong();
        long now = ticker.read();
        // The most particular count first; a refusal by one leaves the others as they were.
        if (username != null) {
            take(byPair, username + "\n" + address, PAIR_ATTEMPTS_FREE, now, refusedFor);
            if (refusedFor.get() == 0) {
                take(byName, username, NAME_ATTEMPTS_FREE, now, refusedFor);
            }
        }
        if (refusedFor.get() == 0) {
            take(byAddress, address, ADDRESS_ATTEMPTS_FREE, now, refusedFor);
        }
        long pause = refusedFor.get();
        return pause > 0 ? Optional.of(Duration.ofNanos(pause)) : Optional.empty();
    }

    /** The right password: the name's attempts are forgotten, and this one no longer counts for the address. */
    public void succeeded(String username, String address) {
        byPair.invalidate(username + "\n" + address);
        byName.invalidate(username);
        if (address != null) {
            byAddress.asMap().computeIfPresent(address, (k, known) -> new Attempts(Math.max(0, known.count() - 1), 0));
        }
    }

    /**
     * One atomic step per key: an attempt during a pause is refused (and noted in {@code refusedFor}); any other is
     * counted, and one past the free ones starts the next pause.
     */
    private void take(Cache<String, Attempts> attempts, String key, int free, long now, AtomicLong refusedFor) {
        if (key == null) {
            return;
        }
        attempts.asMap().compute(key, (k, known) -> {
            if (known != null && known.pausedUntil() > now) {
                refusedFor.accumulateAndGet(known.pausedUntil() - now, Math::max);
                return known;
            }
            int count = known == null ? 1 : known.count() + 1;
            return new Attempts(count, count <= free ? 0 : now + pauseAfter(count - free));
        });
    }

    /** The pause after the {@code n}-th attempt beyond the free ones: 1 s, 2 s, 4 s … up to five minutes. */
    static long pauseAfter(int n) {
        long nanos = PAUSE_FIRST.toNanos() << Math.min(n - 1, 20);
        return Math.min(nanos, PAUSE_MAX.toNanos());
    }
}
