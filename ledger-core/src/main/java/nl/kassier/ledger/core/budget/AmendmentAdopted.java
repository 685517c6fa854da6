package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.serialization.Revision;

/** A budget learned a version of the regeling: the part of it that concerns this region and year. */
@Revision("2")
public record AmendmentAdopted(String budgetId, BudgetId budget, Amendment amendment, Actor actor)
        implements BudgetEvent {}
