package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Money;

/** The answer to a payment: which reservation it paid, how much, and the reservation's status after it. */
public record PaymentReceipt(
        PaymentId paymentId, ReservationId reservationId, Money amount, ReservationStatus status) {}
