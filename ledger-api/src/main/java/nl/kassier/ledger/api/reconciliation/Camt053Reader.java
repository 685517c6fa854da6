package nl.kassier.ledger.api.reconciliation;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kassier.ledger.api.reconciliation.Camt053Document.Account;
import nl.kassier.ledger.api.reconciliation.Camt053Document.Amount;
import nl.kassier.ledger.api.reconciliation.Camt053Document.BankToCustomerStatement;
import nl.kassier.ledger.api.reconciliation.Camt053Document.BookingDate;
import nl.kassier.ledger.api.reconciliation.Camt053Document.Entry;
import nl.kassier.ledger.api.reconciliation.Camt053Document.Statement;
import nl.kassier.ledger.api.reconciliation.Camt053Document.Transaction;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.CreditDebit;
import nl.kassier.ledger.core.reconciliation.ReconciliationId;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Texts;
import org.springframework.stereotype.Component;

/**
 * Reads a camt.053 bank statement (BankToCustomerStatement, versions 001.02 to 001.13) into the domain's {@link
 * BankStatement}, in one pass over the document: {@link StatementXml} checks every byte of it, {@link Camt053Document}
 * takes out what the ledger needs, and this class says what that means. Every refusal names the element, as a path
 * such as {@code /Document/BkToCstmrStmt/Stmt/Ntry[3]/Amt}, and is a {@code VALIDATION_FAILED} problem.
 *
 * <p>Values are read as their ISO 20022 types say: codes, identifiers and references as written (an end-to-end id
 * without the spaces around it, as the matching compares it); dates, date times and amounts with white space around
 * them ignored, as XML Schema does. A credit-debit indicator other than {@code CRDT} or {@code DBIT} counts as absent;
 * an entry is booked unless its status code is another than {@code BOOK}.
 */
@Component
public class Camt053Reader {

    static final int VERSION_MIN = 2;
    static final int VERSION_MAX = 13;

    /** At most this many problems are reported for one file; the rest are summed up. */
    static final int ERRORS_MAX = 50;

    /** ISO 20022's Max35Text: statement ids, entry references, end-to-end ids. */
    static final int TEXT_LENGTH_MAX = StatementEntry.TEXT_LENGTH_MAX;

    /** An IBAN, or ISO 20022's Max34Text for another account id. */
    static final int ACCOUNT_LENGTH_MAX = BankStatement.ACCOUNT_LENGTH_MAX;

    /** The ledger pays in euros: two decimals. */
    static final String CURRENCY = "EUR";

    static final int EURO_DECIMALS = 2;

    private static final String ISO_NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
    private static final Pattern ISO_MESSAGE = Pattern.compile("([a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2})");
    private static final Pattern CAMT_053 = Pattern.compile("camt\\.053\\.001\\.(\\d{2})");
    private static final String ROOT = "/Document/BkToCstmrStmt";
    private static final String BOOKED = "BOOK";

    /** What XML calls white space: space, tab, carriage return and line feed. */
    private static final String XML_WHITE_SPACE = " \t\r\n";

    /** ISODate (xs:date): a day, perhaps with a time zone, which does not change the day. */
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:Z|[+-]\\d{2}:\\d{2})?");

    /** ISODateTime (xs:dateTime): seconds required, any fraction, perhaps a time zone. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:Z|[+-]\\d{2}:\\d{2})?");

    /** Reads {@code body}, or refuses it with every problem found (up to {@value #ERRORS_MAX}). */
    public BankStatement read(byte[] body) {
        try (StatementXml xml = StatementXml.open(body)) {
            int version;
            try {
                version = version(xml.rootNamespace(), xml.rootName());
            } catch (LedgerRejection notAStatement) {
                // A document that is not well-formed, or not safe to read, is refused as such, whatever its root says.
                xml.skipToEnd();
                throw notAStatement;
            }
            Optional<BankToCustomerStatement> document = Camt053Document.read(xml, version);
            xml.skipToEnd();
            return new Reading()
                    .statement(document.orElseThrow(
                            () -> StatementXml.refused(ROOT, "required: a camt.053 Document holds a BkToCstmrStmt")));
        }
    }

    /** The camt.053 version the root element's namespace names, or a refusal saying what the document is instead. */
    static int version(String namespace, String rootName) {
        if (!namespace.startsWith(ISO_NAMESPACE_PREFIX)) {
            throw StatementXml.refused(
                    "/" + rootName,
                    "the root element is " + qualified(namespace, rootName)
                            + "; a bank statement is an ISO 20022 camt.053 Document (namespace " + ISO_NAMESPACE_PREFIX
                            + "camt.053.001.NN)");
        }
        String message = namespace.substring(ISO_NAMESPACE_PREFIX.length());
        Matcher camt = CAMT_053.matcher(message);
        if (!camt.matches()) {
            String what = ISO_MESSAGE.matcher(message).matches() ? "an ISO 20022 " + message + " message" : namespace;
            throw StatementXml.refused("/" + rootName, "this is " + what + ", not a camt.053 bank statement");
        }
        int version = Integer.parseInt(camt.group(1));
        if (version < VERSION_MIN || version > VERSION_MAX) {
            throw StatementXml.refused(
                    "/Document",
                    message + " is not supported: versions camt.053.001.0" + VERSION_MIN + " to camt.053.001."
                            + VERSION_MAX + " are");
        }
        if (!"Document".equals(rootName)) {
            throw StatementXml.refused("/" + rootName, "the root element of a camt.053 statement is Document");
        }
        return version;
    }

    private static String qualified(String namespace, String rootName) {
        return namespace.isEmpty() ? rootName : "{" + namespace + "}" + rootName;
    }

    /** One reading of one statement, collecting its problems. */
    private static final class Reading {

        private final List<FieldError> errors = new ArrayList<>();
        private int errorsLeftOut;

        BankStatement statement(BankToCustomerStatement bankToCustomerStatement) {
            List<Statement> statements = bankToCustomerStatement.statements();
            if (statements.isEmpty()) {
                throw StatementXml.refused(ROOT + "/Stmt", "required: the statement");
            }
            if (statements.size() > 1) {
                throw StatementXml.refused(
                        ROOT + "/Stmt",
                        "one statement per file: this file holds " + statements.size()
                                + "; import each account's statement on its own");
            }
            String path = ROOT + "/Stmt";
            Statement statement = statements.get(0);
            String id = text(path + "/Id", statement.id(), TEXT_LENGTH_MAX, true);
            String account = account(path + "/Acct", statement.account());
            LocalDate created = dateOfDateTime(statement.created());
            if (created == null) {
                created = dateOfDateTime(bankToCustomerStatement.groupCreated());
            }
            if (created == null) {
                fail(ROOT + "/GrpHdr/CreDtTm", "required: the date and time the bank created the statement");
            } else if (!LegalDates.isInRange(created)) {
                fail(path + "/CreDtTm", "the statement's date " + LegalDates.rangeProblem());
                created = null;
            }
            List<StatementEntry> entries = new ArrayList<>();
            Set<String> references = new HashSet<>();
            List<Entry> ntries = statement.entries();
            for (int i = 0; i < ntries.size(); i++) {
                entries(path + "/Ntry[" + (i + 1) + "]", i + 1, ntries.get(i), references, entries);
            }
            if (id != null && account != null && !ReconciliationId.fits(account, id)) {
                fail(path + "/Id", "the statement id and account together are too long to name a reconciliation");
            }
            if (!errors.isEmpty()) {
                throw refusal();
            }
            return new BankStatement(id, account, created, entries);
        }

        private String account(String path, Account account) {
            if (account == null) {
                fail(path, "required: the account the statement is of");
                return null;
            }
            String currency = account.currency();
            if (currency != null && !CURRENCY.equals(currency)) {
                fail(path + "/Ccy", "the ledger's account is in " + CURRENCY + ", not " + currency);
            }
            if (account.iban() != null) {
                return text(path + "/Id/IBAN", account.iban(), ACCOUNT_LENGTH_MAX, true);
            }
            if (account.otherId() != null) {
                return text(path + "/Id/Othr/Id", account.otherId(), ACCOUNT_LENGTH_MAX, true);
            }
            fail(path + "/Id", "required: the account's IBAN or Othr/Id");
            return null;
        }

        /** The entry at {@code path}: one transaction, or one per transaction of a batch booking. */
        private void entries(
                String path, int position, Entry ntry, Set<String> references, List<StatementEntry> entries) {
            Money amount = amount(path + "/Amt", ntry.amount());
            CreditDebit direction = creditDebit(ntry.creditDebit());
            if (direction == null) {
                fail(path + "/CdtDbtInd", "required: CRDT or DBIT");
            }
            boolean booked = ntry.status() == null || BOOKED.equals(ntry.status());
            LocalDate bookingDate = bookingDate(path + "/BookgDt", ntry.bookingDate());
            String reference = text(path + "/NtryRef", ntry.reference(), TEXT_LENGTH_MAX, false);
            if (reference == null) {
                reference = text(path + "/AcctSvcrRef", ntry.servicerReference(), TEXT_LENGTH_MAX, false);
            }
            if (reference == null || !references.add(reference)) {
                // Without a reference of its own, or with one an earlier entry used, the entry is named by position.
                reference = "entry-" + position;
                references.add(reference);
            }
            List<Transaction> transactions = ntry.transactions();
            if (transactions.size() <= 1) {
                Transaction transaction = transactions.isEmpty() ? null : transactions.get(0);
                String endToEndId = endToEndId(path + "/NtryDtls/TxDtls", transaction);
                if (amount != null && direction != null) {
                    entries.add(new StatementEntry(reference, endToEndId, amount, direction, bookingDate, booked));
                }
                return;
            }
            for (int j = 0; j < transactions.size(); j++) {
                String txPath = path + "/NtryDtls/TxDtls[" + (j + 1) + "]";
                Transaction transaction = transactions.get(j);
                Money share = amount(txPath + "/Amt", transaction.amount());
                CreditDebit txDirection = creditDebit(transaction.creditDebit());
                String endToEndId = endToEndId(txPath, transaction);
                if (share != null && direction != null) {
                    entries.add(new StatementEntry(
                            reference + "/" + (j + 1),
                            endToEndId,
                            share,
                            txDirection != null ? txDirection : direction,
                            bookingDate,
                            booked));
                }
            }
        }

        private String endToEndId(String path, Transaction transaction) {
            String value = transaction == null ? null : transaction.endToEndId();
            String endToEndId = text(path + "/Refs/EndToEndId", value, TEXT_LENGTH_MAX, false);
            return endToEndId == null ? null : endToEndId.strip();
        }

        /** The amount at {@code path}, which is required. */
        private Money amount(String path, Amount amount) {
            if (amount == null) {
                fail(path, "required: the amount");
                return null;
            }
            BigDecimal decimal = decimal(amount.value());
            if (decimal == null) {
                fail(path, "not an amount: a decimal such as 1250.00");
                return null;
            }
            if (!CURRENCY.equals(amount.currency())) {
                fail(path, "the currency is " + amount.currency() + "; the ledger's account is in " + CURRENCY);
                return null;
            }
            if (decimal.scale() > EURO_DECIMALS) {
                fail(path, "an amount in " + CURRENCY + " has at most " + EURO_DECIMALS + " decimals: " + decimal);
                return null;
            }
            if (decimal.signum() < 0 || decimal.compareTo(Money.INPUT_MAX.toBigDecimal()) > 0) {
                fail(path, "an amount lies between 0.00 and " + Money.INPUT_MAX.toPlainString() + ": " + decimal);
                return null;
            }
            return Money.ofCents(decimal.movePointRight(EURO_DECIMALS).longValueExact());
        }

        private LocalDate bookingDate(String path, BookingDate choice) {
            if (choice == null) {
                return null;
            }
            LocalDate date = date(choice.date());
            if (date == null) {
                date = dateOfDateTime(choice.dateTime());
            }
            if (date == null) {
                fail(path, "not a date: Dt (2022-08-12) or DtTm (2022-08-12T10:15:30+02:00)");
            } else if (!LegalDates.isInRange(date)) {
                fail(path, "the booking date " + LegalDates.rangeProblem());
                return null;
            }
            return date;
        }

        private String text(String path, String text, int lengthMax, boolean required) {
            if (text == null || text.isBlank()) {
                if (required) {
                    fail(path, "required");
                }
                return null;
            }
            Optional<String> problem = Texts.problem(text, lengthMax);
            if (problem.isPresent()) {
                fail(path, problem.get());
                return null;
            }
            return text;
        }

        private void fail(String field, String message) {
            if (errors.size() < ERRORS_MAX) {
                errors.add(new FieldError(field, message));
            } else {
                errorsLeftOut++;
            }
        }

        private LedgerRejection refusal() {
            String detail = "the bank statement is not valid"
                    + (errorsLeftOut > 0 ? "; " + errorsLeftOut + " more problems are not listed" : "");
            return new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, detail, errors);
        }
    }

    /** {@code CRDT} or {@code DBIT}, as written; null for anything else. */
    private static CreditDebit creditDebit(String code) {
        if ("CRDT".equals(code)) {
            return CreditDebit.CREDIT;
        }
        return "DBIT".equals(code) ? CreditDebit.DEBIT : null;
    }

    /** A decimal (xs:decimal), or null when {@code text} is none. */
    private static BigDecimal decimal(String text) {
        String value = collapsed(text);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The day of an ISODate such as {@code 2022-08-12}, or null when {@code text} is none. */
    static LocalDate date(String text) {
        Matcher date = DATE.matcher(collapsed(text));
        return date.matches() ? day(date) : null;
    }

    /**
     * The day of an ISODateTime such as {@code 2022-08-12T10:15:30+02:00}, in the time zone it is written in; {@code
     * 24:00:00}, the end of a day, falls on the next. Null when {@code text} is none.
     */
    static LocalDate dateOfDateTime(String text) {
        Matcher dateTime = DATE_TIME.matcher(collapsed(text));
        if (!dateTime.matches()) {
            return null;
        }
        LocalDate day = day(dateTime);
        int hour = Integer.parseInt(dateTime.group(4));
        int minute = Integer.parseInt(dateTime.group(5));
        int second = Integer.parseInt(dateTime.group(6));
        String fraction = dateTime.group(7) == null ? "" : dateTime.group(7);
        boolean endOfDay = hour == 24 && minute == 0 && second == 0 && fraction.matches("0*");
        if (day == null || !(endOfDay || (hour < 24 && minute < 60 && second < 60))) {
            return null;
        }
        return endOfDay ? day.plusDays(1) : day;
    }

    /** {@code text} without the white space XML Schema ignores around a date or a number; empty for none. */
    private static String collapsed(String text) {
        if (text == null) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && XML_WHITE_SPACE.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && XML_WHITE_SPACE.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    private static LocalDate day(Matcher date) {
        try {
            return LocalDate.of(
                    Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)), Integer.parseInt(date.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
