package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;

/** A payment registered by the kassier against a commitment. */
public record Payment(
        PaymentId paymentId,
        Money amount,
        LocalDate date,
        Reference invoiceRef,
        String idempotencyKey,
        String fingerprint) {}
