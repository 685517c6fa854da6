package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.serialization.Revision;

/**
 * The budget year was closed on {@code date}. Recorded after the steps that freed each reservation without a
 * commitment, each an event of its own with the closing's reason and date.
 */
@Revision("1")
public record BudgetClosed(String budgetId, BudgetId budget, LocalDate date, Reason reason, Actor actor)
        implements BudgetEvent {}
