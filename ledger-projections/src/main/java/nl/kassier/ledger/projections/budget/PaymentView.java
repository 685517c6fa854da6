package nl.kassier.ledger.projections.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import nl.kassier.ledger.core.budget.SettlementStatus;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * A registered payment as the kassier lists it: what was paid, on which legal date, on which reservation, who
 * recorded it and when, what the latest bank statement that showed it said ({@code settlement}, null while none has),
 * and whether its discrepancy is still open.
 */
public record PaymentView(
        String paymentId,
        String reservationId,
        RegionCode region,
        int year,
        BudgetType budget,
        Money amount,
        LocalDate date,
        String invoiceRef,
        Instant recordedAt,
        String actor,
        @JsonInclude(JsonInclude.Include.ALWAYS) Settlement settlement,
        boolean openDiscrepancy) {

    /**
     * The entry of an imported statement that showed the payment last, and what it said; for a discrepancy, {@code
     * difference} is what the bank debited minus what the ledger paid (null when settled).
     */
    public record Settlement(String reconciliationId, String entry, SettlementStatus status, Money difference) {}
}
