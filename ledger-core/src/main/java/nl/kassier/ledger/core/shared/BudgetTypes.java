package nl.kassier.ledger.core.shared;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/** Sets of budget types as a cap line names them: never empty, without repeats, in the enum's order. */
public final class BudgetTypes {

    private BudgetTypes() {}

    /** Returns the types in canonical order; refuses an empty or missing set. */
    public static List<BudgetType> normalize(Collection<BudgetType> types) {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("a cap line names at least one budget type");
        }
        // Not types.contains(null): immutable lists throw on that question instead of answering it.
        for (BudgetType type : types) {
            if (type == null) {
                throw new IllegalArgumentException("a cap line names no empty budget type");
            }
        }
        return List.copyOf(EnumSet.copyOf(types));
    }
}
