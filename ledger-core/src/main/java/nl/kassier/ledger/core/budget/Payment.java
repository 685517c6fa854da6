package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Money;

/** A payment registered by the kassier against a commitment. */
public record Payment(
        String paymentId, Money amount, LocalDate date, String invoiceRef, String idempotencyKey, String fingerprint) {}
