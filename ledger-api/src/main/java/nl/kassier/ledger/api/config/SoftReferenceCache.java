package nl.kassier.ledger.api.config;

import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The budgets' cache between commands: each budget is held by a soft reference, so it stays while the heap has room
 * and is given up, before the heap runs out, when it has not. Axon's {@code WeakReferenceCache} held them weakly: every
 * young collection emptied it, and under load a hot budget (thousands of reservations) was read back from its
 * snapshot every few hundred commands, tens of milliseconds each with the budget's lock held (the load benchmark
 * counted 138 such loads in 40 s on one budget). Whatever is in the cache is the state of a committed command: Axon
 * removes a budget whose command rolled back, and a budget another node changed is refused at the append and
 * loaded again.
 */
final class SoftReferenceCache implements Cache {

    private final ConcurrentMap<Object, SoftReference<Object>> entries = new ConcurrentHashMap<>();
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Objects.requireNonNull(key, "key");
        Object value = valueOf(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        Reference<Object> previous = entries.put(key, new SoftReference<>(value));
        if (previous != null && previous.get() != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        SoftReference<Object> fresh = new SoftReference<>(value);
        boolean[] created = {false};
        entries.compute(key, (k, current) -> {
            if (current != null && current.get() != null) {
                return current;
            }
            created[0] = true;
            return fresh;
        });
        if (created[0]) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return created[0];
    }

    /** Like {@link Cache}'s own: the supplier runs outside any lock of the map, so it may use the cache itself. */
    @Override
    @SuppressWarnings("unchecked")
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
        boolean[] removed = {false};
        Object[] updated = {null};
        entries.computeIfPresent(key, (k, current) -> {
            Object existing = current.get();
            if (existing == null) {
                return null;
            }
            V value = update.apply((V) existing);
            if (value == null) {
                removed[0] = true;
                return null;
            }
            updated[0] = value;
            return new SoftReference<>(value);
        });
        if (removed[0]) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        } else if (updated[0] != null) {
            listeners.forEach(l -> l.onEntryUpdated(key, updated[0]));
        }
    }

    @Override
    public boolean remove(Object key) {
        Reference<Object> removed = entries.remove(key);
        if (removed != null) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public void removeAll() {
        for (Object key : Set.copyOf(entries.keySet())) {
            remove(key);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        Objects.requireNonNull(key, "key");
        return valueOf(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The value held for {@code key}; a cleared entry is dropped, and its expiry told to the listeners. */
    private Object valueOf(Object key) {
        SoftReference<Object> reference = entries.get(key);
        if (reference == null) {
            return null;
        }
        Object value = reference.get();
        if (value == null && entries.remove(key, reference)) {
            listeners.forEach(l -> l.onEntryExpired(key));
        }
        return value;
    }
}
