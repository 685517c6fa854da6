package nl.kassier.ledger.core.reconciliation;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Money;

/**
 * One transaction on a bank statement: an entry ({@code Ntry}), or one transaction of a batch booking. Only what the
 * matching needs is kept; the counterparty's name and account stay in the bank's file, out of the events.
 *
 * @param entryReference the entry's reference on the statement, unique within it
 * @param endToEndId the {@code EndToEndId} the ledger gave the payment, or null when the bank reports none
 * @param bookingDate the date the bank booked it, or null when the statement does not say
 * @param booked whether the bank booked it ({@code Sts} {@code BOOK}); pending and informational entries settle nothing
 */
public record StatementEntry(
        String entryReference,
        String endToEndId,
        Money amount,
        CreditDebit direction,
        LocalDate bookingDate,
        boolean booked) {

    /** What SEPA writes when the payer gave no end-to-end reference. */
    public static final String NOT_PROVIDED = "NOTPROVIDED";

    /** ISO 20022's Max35Text: an entry's reference, and an end-to-end id. */
    public static final int TEXT_LENGTH_MAX = 35;

    /**
     * An entry's reference on the statement, or {@code entry-N} for one without: a transaction of a batch booking adds
     * a slash and its number (at most {@link BankStatement#ENTRIES_MAX}).
     */
    public static final int REFERENCE_LENGTH_MAX = TEXT_LENGTH_MAX + 1 + 5;

    public StatementEntry {
        Objects.requireNonNull(entryReference, "entryReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(direction, "direction");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("an entry's amount is never negative: " + amount);
        }
    }

    /** Whether this entry can settle a payment: a booked debit. */
    public boolean isBookedDebit() {
        return booked && direction == CreditDebit.DEBIT;
    }

    /** The end-to-end reference, unless the bank reported none. */
    public boolean hasEndToEndId() {
        return endToEndId != null && !endToEndId.isBlank() && !NOT_PROVIDED.equals(endToEndId);
    }
}
