package nl.kassier.ledger.projections.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import nl.kassier.ledger.core.shared.Money;

/**
 * The monitor's suppression over generated columns: whatever the sizes of its cells, no cell of 1–4 candidates is
 * shown, and what the shown cells and the total give away together — the suppressed cells taken as one — is never a
 * single cell and never fewer than five candidates, unless the total is suppressed too.
 */
class SuppressionPropertiesTest {

    @Property(tries = 2000)
    void noCellAndNoDifferenceShowsFewerThanFiveCandidates(
            @ForAll @Size(min = 1, max = 10) List<@Size(max = 9) Set<@IntRange(min = 0, max = 14) Integer>> cells) {
        // Candidates from one small pool: one candidate is often in several cells (two menu items, two partners).
        List<Monitor.Counter> column = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Monitor.Counter cell = new Monitor.Counter("k" + i);
            for (int candidate : cells.get(i)) {
                cell.add("candidate-" + candidate, Money.ofCents(100));
            }
            column.add(cell);
        }

        Set<Monitor.Counter> suppressed = Monitor.protect(column);

        for (Monitor.Counter cell : column) {
            int size = cell.candidates.size();
            if (size > 0 && size < Monitor.DISCLOSURE_MIN) {
                assertThat(suppressed).as("a cell of %d candidates", size).contains(cell);
            }
        }
        if (Monitor.needsTheTotalSuppressed(suppressed)) {
            // What the total would give away is kept with it: every cell with a candidate is suppressed.
            assertThat(column.stream().filter(c -> !c.candidates.isEmpty())).allMatch(suppressed::contains);
        } else if (!suppressed.isEmpty()) {
            assertThat(suppressed).hasSizeGreaterThanOrEqualTo(2);
            Set<String> together = new java.util.HashSet<>();
            suppressed.forEach(c -> together.addAll(c.candidates));
            assertThat(together).hasSizeGreaterThanOrEqualTo(Monitor.DISCLOSURE_MIN);
        }
    }
}
