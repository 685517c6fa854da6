package nl.kassier.ledger.core.budget;

import java.util.Objects;
import nl.kassier.ledger.core.shared.RegionCode;

/** The budget of one region for one year: the aggregate that guards that region's caps in that year. */
public record BudgetId(RegionCode region, int year) {

    static final String SEPARATOR = "_";

    public BudgetId {
        Objects.requireNonNull(region, "region");
    }

    /** The aggregate identifier, such as {@code rijnmond_2022}. */
    public String value() {
        return region.value() + SEPARATOR + year;
    }

    @Override
    public String toString() {
        return value();
    }
}
