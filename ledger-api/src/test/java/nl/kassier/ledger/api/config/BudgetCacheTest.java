package nl.kassier.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** The budgets' cache as Axon's repository uses it, and its bound. */
class BudgetCacheTest {

    private final BudgetCache cache = new BudgetCache(3, aggregate -> -1);
    private final List<String> told = new ArrayList<>();

    BudgetCacheTest() {
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                told.add("created " + key + "=" + value);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                told.add("updated " + key + "=" + value);
            }

            @Override
            public void onEntryRemoved(Object key) {
                told.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                told.add("expired " + key);
            }
        });
    }

    @Test
    void keepsWhatIsPutUntilItIsRemoved() {
        cache.put("rijnmond_2022", "v1");
        assertThat(cache.<String, String>get("rijnmond_2022")).isEqualTo("v1");
        assertThat(cache.containsKey("rijnmond_2022")).isTrue();
        cache.put("rijnmond_2022", "v2");
        assertThat(cache.<String, String>get("rijnmond_2022")).isEqualTo("v2");
        assertThat(cache.remove("rijnmond_2022")).isTrue();
        assertThat(cache.<String, String>get("rijnmond_2022")).isNull();
        assertThat(cache.remove("rijnmond_2022")).isFalse();
        assertThat(told)
                .containsExactly("created rijnmond_2022=v1", "updated rijnmond_2022=v2", "removed rijnmond_2022");
    }

    @Test
    void putsIfAbsentOnlyOnce() {
        assertThat(cache.putIfAbsent("zeeland_2021", "first")).isTrue();
        assertThat(cache.putIfAbsent("zeeland_2021", "second")).isFalse();
        assertThat(cache.<String, String>get("zeeland_2021")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("zeeland_2021", () -> "third")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("twente_2021", () -> "made")).isEqualTo("made");
        assertThat(cache.<String, String>get("twente_2021")).isEqualTo("made");
    }

    @Test
    void updatesOrRemovesWhatIsPresentAndLeavesTheRest() {
        cache.put("a", "1");
        cache.computeIfPresent("a", (UnaryOperator<String>) v -> v + "+");
        cache.computeIfPresent("absent", (UnaryOperator<String>) v -> "never");
        assertThat(cache.<String, String>get("a")).isEqualTo("1+");
        assertThat(cache.containsKey("absent")).isFalse();
        cache.computeIfPresent("a", (UnaryOperator<String>) v -> null);
        assertThat(cache.containsKey("a")).isFalse();
        cache.put("b", "2");
        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void holdsNoMoreThanItsMaximumAndTellsWhichItGaveUp() {
        for (int i = 0; i < 10; i++) {
            cache.put("budget_" + i, "v" + i);
        }
        cache.cleanUp();

        long held = java.util.stream.IntStream.range(0, 10)
                .filter(i -> cache.containsKey("budget_" + i))
                .count();
        assertThat(held).isEqualTo(3);
        assertThat(told).filteredOn(line -> line.startsWith("expired")).hasSize(7);
    }
}
