package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/**
 * The budget year was settled on {@code date} (the vaststelling). Recorded after the releases of what was committed
 * and not paid, each an event of its own with the settlement's reason and date.
 */
@Revision("1")
public record BudgetSettled(String budgetId, BudgetId budget, LocalDate date, Reason reason, Actor actor)
        implements BudgetEvent {}
