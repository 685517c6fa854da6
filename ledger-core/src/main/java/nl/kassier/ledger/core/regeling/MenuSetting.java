package nl.kassier.ledger.core.regeling;

import java.util.Objects;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/**
 * The limit of one menukaart item per candidate: a hard {@code maximum}, or for praktijkleren a {@code guidePrice}
 * (richttarief) whose excess only warns. Exactly one of the two is set.
 */
public record MenuSetting(BudgetType budget, MenuItem item, Money maximum, Money guidePrice) {

    public MenuSetting {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(item, "item");
        if ((maximum == null) == (guidePrice == null)) {
            throw new IllegalArgumentException("a menu entry has either a maximum or a guide price");
        }
    }

    public static MenuSetting maximum(MenuItem item, Money maximum) {
        return new MenuSetting(item.budget(), item, maximum, null);
    }

    public static MenuSetting guidePrice(MenuItem item, Money guidePrice) {
        return new MenuSetting(item.budget(), item, null, guidePrice);
    }
}
