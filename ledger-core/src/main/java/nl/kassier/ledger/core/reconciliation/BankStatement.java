package nl.kassier.ledger.core.reconciliation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A bank statement as the kassier imports it: the bank's statement id ({@code Stmt/Id}), the account it is of (the
 * IBAN, or the bank's own account id), the day the bank created it, and its entries in the statement's order.
 */
public record BankStatement(String statementId, String account, LocalDate creationDate, List<StatementEntry> entries) {

    /** The most entries one statement may hold: a 32 MiB file holds about forty thousand. */
    public static final int ENTRIES_MAX = 50_000;

    /** ISO 20022's Max35Text: the bank's statement id. */
    public static final int STATEMENT_ID_LENGTH_MAX = 35;

    /** An IBAN, or ISO 20022's Max34Text for another account id. */
    public static final int ACCOUNT_LENGTH_MAX = 34;

    public BankStatement {
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(creationDate, "creationDate");
        entries = List.copyOf(entries);
        if (entries.size() > ENTRIES_MAX) {
            throw new IllegalArgumentException("a statement holds at most " + ENTRIES_MAX + " entries");
        }
    }

    public ReconciliationId reconciliationId() {
        return ReconciliationId.of(account, statementId);
    }

    /**
     * A digest of what the statement says: its id, account and entries. Not the creation date, which a bank may
     * renew when it sends the same statement again. Two files with the same digest are the same statement.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, statementId);
        field(canonical, account);
        for (StatementEntry entry : entries) {
            field(canonical, entry.entryReference());
            field(canonical, entry.endToEndId());
            field(canonical, Long.toString(entry.amount().cents()));
            field(canonical, entry.direction().name());
            field(canonical, String.valueOf(entry.bookingDate()));
            field(canonical, Boolean.toString(entry.booked()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Length-prefixed, so that no two different statements give the same text. */
    private static void field(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("-1:");
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
    }
}
