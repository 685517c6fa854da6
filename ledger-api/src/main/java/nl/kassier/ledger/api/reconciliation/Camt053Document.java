package nl.kassier.ledger.api.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import nl.kassier.ledger.core.reconciliation.BankStatement;

/**
 * The parts of a camt.053 document the ledger reads, as the document writes them: each value is its text, null where
 * the element is absent; what the values mean is for {@link Camt053Reader} to say. Elements are found by name, which
 * the ledger's elements share in every version from 001.02 to 001.13, in any order; an element the document holds
 * twice where the schema allows one counts by its last occurrence, and any other element is skipped. Two differences
 * between versions matter: an entry's status ({@code Sts}) is a bare code up to 001.06 and a {@code Cd} (or {@code
 * Prtry}) from 001.07, and either form is read in every version; and 001.02's transaction details have no amount or
 * credit-debit indicator of their own, so there the amount of a transaction is only its {@code AmtDtls/TxAmt/Amt}.
 */
final class Camt053Document {

    /** The version from which a transaction's details ({@code TxDtls}) carry their own {@code Amt}. */
    static final int TRANSACTION_AMOUNT_VERSION_MIN = 3;

    /** {@code BkToCstmrStmt}: the group header's creation time ({@code GrpHdr/CreDtTm}) and the statements. */
    record BankToCustomerStatement(String groupCreated, List<Statement> statements) {}

    /** {@code Stmt}. */
    record Statement(String id, String created, Account account, List<Entry> entries) {}

    /** {@code Acct}: its {@code Ccy} and the {@code IBAN} or {@code Othr/Id} of its last {@code Id}. */
    record Account(String currency, String iban, String otherId) {}

    /**
     * {@code Ntry}, with its status code: {@code Sts/Cd}, else the text of {@code Sts} itself, else null (no status, or
     * a proprietary one).
     */
    record Entry(
            Amount amount,
            String creditDebit,
            String status,
            BookingDate bookingDate,
            String reference,
            String servicerReference,
            List<Transaction> transactions) {}

    /** {@code BookgDt}: a {@code Dt} or a {@code DtTm}. */
    record BookingDate(String date, String dateTime) {}

    /** {@code TxDtls}: its amount ({@code Amt}, else {@code AmtDtls/TxAmt/Amt}), indicator and end-to-end id. */
    record Transaction(Amount amount, String creditDebit, String endToEndId) {}

    /** An amount element: its text and its {@code Ccy} attribute. */
    record Amount(String value, String currency) {}

    private final StatementXml xml;
    private final int version;

    /** Entries read so far, each transaction of a batch booking counted as one. */
    private int entries;

    private Camt053Document(StatementXml xml, int version) {
        this.xml = xml;
        this.version = version;
    }

    /**
     * Reads the camt.053 document of {@code version} that {@code xml} holds, from its root element to the root's end:
     * its {@code BkToCstmrStmt}, if it has one. Refuses a document of more than {@link BankStatement#ENTRIES_MAX}
     * entries as soon as the entry past that is read.
     */
    static Optional<BankToCustomerStatement> read(StatementXml xml, int version) {
        Camt053Document document = new Camt053Document(xml, version);
        return Optional.ofNullable(document.child("BkToCstmrStmt", document::bankToCustomerStatement));
    }

    private BankToCustomerStatement bankToCustomerStatement() {
        String groupCreated = null;
        List<Statement> statements = new ArrayList<>();
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "GrpHdr" -> groupCreated = child("CreDtTm", xml::text);
                case "Stmt" -> statements.add(statement());
                default -> xml.skip();
            }
        }
        return new BankToCustomerStatement(groupCreated, statements);
    }

    private Statement statement() {
        String id = null;
        String created = null;
        Account account = null;
        List<Entry> statementEntries = new ArrayList<>();
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Id" -> id = xml.text();
                case "CreDtTm" -> created = xml.text();
                case "Acct" -> account = account();
                case "Ntry" -> statementEntries.add(entry());
                default -> xml.skip();
            }
        }
        return new Statement(id, created, account, statementEntries);
    }

    private Account account() {
        String currency = null;
        AccountId id = new AccountId(null, null);
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Ccy" -> currency = xml.text();
                case "Id" -> id = accountId();
                default -> xml.skip();
            }
        }
        return new Account(currency, id.iban(), id.otherId());
    }

    private record AccountId(String iban, String otherId) {}

    private AccountId accountId() {
        String iban = null;
        String otherId = null;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "IBAN" -> iban = xml.text();
                case "Othr" -> otherId = child("Id", xml::text);
                default -> xml.skip();
            }
        }
        return new AccountId(iban, otherId);
    }

    private Entry entry() {
        Amount amount = null;
        String creditDebit = null;
        String status = null;
        BookingDate bookingDate = null;
        String reference = null;
        String servicerReference = null;
        List<Transaction> transactions = new ArrayList<>();
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Amt" -> amount = amount();
                case "CdtDbtInd" -> creditDebit = xml.text();
                case "Sts" -> status = status();
                case "BookgDt" -> bookingDate = bookingDate();
                case "NtryRef" -> reference = xml.text();
                case "AcctSvcrRef" -> servicerReference = xml.text();
                case "NtryDtls" -> transactions(transactions);
                default -> xml.skip();
            }
        }
        count(transactions.size());
        return new Entry(amount, creditDebit, status, bookingDate, reference, servicerReference, transactions);
    }

    private void count(int transactions) {
        // A batch booking becomes one statement entry per transaction.
        entries += Math.max(1, transactions);
        if (entries > BankStatement.ENTRIES_MAX) {
            throw StatementXml.refused(
                    "/Document/BkToCstmrStmt/Stmt/Ntry",
                    "a statement may hold at most " + BankStatement.ENTRIES_MAX
                            + " entries, counting each transaction of a batch booking");
        }
    }

    private String status() {
        StringBuilder text = new StringBuilder();
        String code = null;
        while (xml.nextChild(text)) {
            if (xml.name().equals("Cd")) {
                code = xml.text();
            } else {
                xml.skip();
            }
        }
        if (code != null) {
            return code;
        }
        return text.toString().isBlank() ? null : text.toString();
    }

    private BookingDate bookingDate() {
        String date = null;
        String dateTime = null;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Dt" -> date = xml.text();
                case "DtTm" -> dateTime = xml.text();
                default -> xml.skip();
            }
        }
        return new BookingDate(date, dateTime);
    }

    /** The transactions of one {@code NtryDtls}, added to those of the entry's earlier ones. */
    private void transactions(List<Transaction> transactions) {
        while (xml.nextChild()) {
            if (xml.name().equals("TxDtls")) {
                transactions.add(transaction());
            } else {
                xml.skip();
            }
        }
    }

    private Transaction transaction() {
        boolean ownFields = version >= TRANSACTION_AMOUNT_VERSION_MIN;
        Amount amount = null;
        Amount detailedAmount = null;
        String creditDebit = null;
        String endToEndId = null;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Amt" -> {
                    if (ownFields) {
                        amount = amount();
                    } else {
                        xml.skip();
                    }
                }
                case "CdtDbtInd" -> {
                    if (ownFields) {
                        creditDebit = xml.text();
                    } else {
                        xml.skip();
                    }
                }
                case "AmtDtls" -> detailedAmount = child("TxAmt", () -> child("Amt", this::amount));
                case "Refs" -> endToEndId = child("EndToEndId", xml::text);
                default -> xml.skip();
            }
        }
        return new Transaction(amount != null ? amount : detailedAmount, creditDebit, endToEndId);
    }

    private Amount amount() {
        String currency = xml.attribute("Ccy");
        return new Amount(xml.text(), currency);
    }

    /** What {@code reading} makes of the current element's last child {@code name}, or null; the rest is skipped. */
    private <T> T child(String name, Supplier<T> reading) {
        T value = null;
        while (xml.nextChild()) {
            if (xml.name().equals(name)) {
                value = reading.get();
            } else {
                xml.skip();
            }
        }
        return value;
    }
}
