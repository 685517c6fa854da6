package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import org.axonframework.serialization.Revision;

/** A verplichting of {@code amount} was entered into; {@code released}, the rest of the reservation, is free again. */
@Revision("1")
public record ReservationCommitted(
        String budgetId, ReservationId reservationId, Money amount, Money released, Reference reference, Actor actor)
        implements ReservationEvent {}
