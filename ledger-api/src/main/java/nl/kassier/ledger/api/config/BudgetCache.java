package nl.kassier.ledger.api.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;

/**
 * The budgets' cache between commands, for Axon's repository: a Caffeine cache of at most a named number of budgets,
 * the least used given up first, each held by a soft reference so that the heap is never spent on them when it is
 * short. Axon's {@code WeakReferenceCache} lost every budget at each young collection, and under load a hot budget
 * (thousands of reservations) was read back from its snapshot every few hundred commands, with its lock held.
 * Whatever is in the cache is the state of a committed command: Axon removes a budget whose command rolled back. A
 * budget another node has changed since is not handed out: each read compares the cached budget's version with the
 * last sequence number in the event table (one index lookup), so that a refusal is never decided on a stale budget
 * (a step on a reservation the other node has just created would be refused as not found).
 */
final class BudgetCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> budgets;
    private final ConcurrentMap<Object, Object> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();
    private final ToLongFunction<String> lastSequence;

    /**
     * A cache of at most {@code maximum} budgets, checked against {@code lastSequence}: the sequence number of an
     * aggregate's last recorded event (-1 when it has none).
     */
    BudgetCache(int maximum, ToLongFunction<String> lastSequence) {
        this.lastSequence = lastSequence;
        this.budgets = Caffeine.newBuilder()
                .maximumSize(maximum)
                .softValues()
                // Evictions are settled on the thread that causes them, not on the common pool.
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (key != null && cause.wasEvicted()) {
                        listeners.forEach(l -> l.onEntryExpired(key));
                    }
                })
                .build();
        this.entries = budgets.asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = budgets.getIfPresent(Objects.requireNonNull(key, "key"));
        if (value instanceof AggregateCacheEntry<?> entry && isStale(key, entry)) {
            remove(key);
            return null;
        }
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    /** Whether another node has recorded events of the budget since it was cached. */
    private boolean isStale(Object key, AggregateCacheEntry<?> entry) {
        // The entry holds the aggregate itself (it is never serialised here), which recreating merely returns.
        Long version = entry.recreateAggregate(null, null, null, NoSnapshotTriggerDefinition.INSTANCE)
                .version();
        return version == null || version != lastSequence.applyAsLong(key.toString());
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(key, Objects.requireNonNull(value, "value"));
        if (previous != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean created = entries.putIfAbsent(key, Objects.requireNonNull(value, "value")) == null;
        if (created) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return created;
    }

    /** Like {@link Cache}'s own: the supplier runs outside any lock of the cache, so it may use the cache itself. */
    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T existing = get(key);
        if (existing != null) {
            return existing;
        }
        T value = Objects.requireNonNull(valueSupplier.get(), "the supplier gave no value");
        if (putIfAbsent(key, value)) {
            return value;
        }
        T raced = get(key);
        return raced != null ? raced : value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        boolean[] present = {false};
        Object updated = entries.computeIfPresent(key, (k, current) -> {
            present[0] = true;
            return update.apply((V) current);
        });
        if (updated != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, updated));
        } else if (present[0]) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        for (Object key : Set.copyOf(entries.keySet())) {
            remove(key);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return budgets.getIfPresent(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Settles pending evictions now (for tests: Caffeine otherwise does it as it goes). */
    void cleanUp() {
        budgets.cleanUp();
    }
}
