package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Actor;

/**
 * A step in the life of one reservation. {@link ReservationState} folds these into what a reservation draws, and
 * {@link HistoryEntry} into its history: the one reading of them for the budget, the read models and a replay as of an
 * instant alike.
 */
public sealed interface ReservationEvent extends BudgetEvent
        permits BudgetReserved,
                ReservationApproved,
                ReservationRejected,
                ReservationCommitted,
                PaymentRegistered,
                ReservationReleased,
                PaymentSettled,
                PaymentDiscrepancyFound {

    ReservationId reservationId();

    Actor actor();
}
