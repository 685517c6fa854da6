package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Actor;

/**
 * A step in the life of one reservation. {@link ReservationState} folds these into what a reservation draws,
 * {@link HistoryEntry} into its history and {@link OpenDiscrepancies} into what the kassier still has to resolve: the
 * one reading of them for the budget, the read models and a replay as of an instant alike.
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

    /**
     * The step's legal date: the day it took effect in law, as its actor dated it (the melding, the approval, the
     * commitment, the payment, the release or rejection), or the day a bank booked a payment (null when its statement
     * did not say). Not the day the ledger recorded it.
     */
    LocalDate date();

    Actor actor();
}
