package nl.kassier.ledger.core.reconciliation;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.shared.Money;

/** A payment the kassier registered, as the matching sees it: its id (the EndToEndId), reservation, amount and date. */
public record LedgerPayment(String paymentId, ReservationId reservationId, Money amount, LocalDate date) {

    public LedgerPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(amount, "amount");
    }
}
