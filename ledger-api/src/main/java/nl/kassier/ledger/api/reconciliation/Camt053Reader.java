package nl.kassier.ledger.api.reconciliation;

import static java.util.Map.entry;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt05300102;
import com.prowidesoftware.swift.model.mx.MxCamt05300103;
import com.prowidesoftware.swift.model.mx.MxCamt05300104;
import com.prowidesoftware.swift.model.mx.MxCamt05300105;
import com.prowidesoftware.swift.model.mx.MxCamt05300106;
import com.prowidesoftware.swift.model.mx.MxCamt05300107;
import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxCamt05300109;
import com.prowidesoftware.swift.model.mx.MxCamt05300110;
import com.prowidesoftware.swift.model.mx.MxCamt05300111;
import com.prowidesoftware.swift.model.mx.MxCamt05300112;
import com.prowidesoftware.swift.model.mx.MxCamt05300113;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.XMLGregorianCalendar;
import nl.kassier.ledger.api.reconciliation.StatementXml.Inspection;
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
 * BankStatement}. The document is first checked by {@link StatementXml}; only then is it bound to Prowide's ISO 20022
 * model of the version its namespace names. Every refusal names the element, as a path such as {@code
 * /Document/BkToCstmrStmt/Stmt/Ntry[3]/Amt}, and is a {@code VALIDATION_FAILED} problem.
 *
 * <p>Prowide generates a separate class tree per version without common interfaces, but the element names the ledger
 * needs are the same in every version. The statement is therefore walked by element name (each element is the getter
 * of the same name), which keeps one reading for twelve versions instead of twelve copies of it.
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

    private static final Map<Integer, Function<String, AbstractMX>> PARSERS = Map.ofEntries(
            entry(2, MxCamt05300102::parse),
            entry(3, MxCamt05300103::parse),
            entry(4, MxCamt05300104::parse),
            entry(5, MxCamt05300105::parse),
            entry(6, MxCamt05300106::parse),
            entry(7, MxCamt05300107::parse),
            entry(8, MxCamt05300108::parse),
            entry(9, MxCamt05300109::parse),
            entry(10, MxCamt05300110::parse),
            entry(11, MxCamt05300111::parse),
            entry(12, MxCamt05300112::parse),
            entry(13, MxCamt05300113::parse));

    /** Getters by class and element name, looked up once: a statement of 10,000 entries asks them 200,000 times. */
    private static final Map<String, Optional<Method>> GETTERS = new ConcurrentHashMap<>();

    /** Reads {@code body}, or refuses it with every problem found (up to {@value #ERRORS_MAX}). */
    public BankStatement read(byte[] body) {
        Inspection document = StatementXml.inspect(body);
        int version = version(document);
        AbstractMX message;
        try {
            message = PARSERS.get(version).apply(text(body, document));
        } catch (RuntimeException e) {
            message = null;
        }
        if (message == null) {
            throw StatementXml.refused(
                    "/Document", "not a readable camt.053.001." + String.format("%02d", version) + " document");
        }
        return new Reading().statement(child(message, "BkToCstmrStmt"));
    }

    /** The camt.053 version the root element's namespace names, or a refusal saying what the document is instead. */
    static int version(Inspection document) {
        String namespace = document.rootNamespace();
        if (!namespace.startsWith(ISO_NAMESPACE_PREFIX)) {
            throw StatementXml.refused(
                    "/" + document.rootName(),
                    "the root element is " + qualified(document) + "; a bank statement is an ISO 20022 camt.053"
                            + " Document (namespace " + ISO_NAMESPACE_PREFIX + "camt.053.001.NN)");
        }
        String message = namespace.substring(ISO_NAMESPACE_PREFIX.length());
        Matcher camt = CAMT_053.matcher(message);
        if (!camt.matches()) {
            String what = ISO_MESSAGE.matcher(message).matches() ? "an ISO 20022 " + message + " message" : namespace;
            throw StatementXml.refused(
                    "/" + document.rootName(), "this is " + what + ", not a camt.053 bank statement");
        }
        int version = Integer.parseInt(camt.group(1));
        if (version < VERSION_MIN || version > VERSION_MAX) {
            throw StatementXml.refused(
                    "/Document",
                    message + " is not supported: versions camt.053.001.0" + VERSION_MIN + " to camt.053.001."
                            + VERSION_MAX + " are");
        }
        if (!"Document".equals(document.rootName())) {
            throw StatementXml.refused(
                    "/" + document.rootName(), "the root element of a camt.053 statement is Document");
        }
        return version;
    }

    private static String qualified(Inspection document) {
        return document.rootNamespace().isEmpty()
                ? document.rootName()
                : "{" + document.rootNamespace() + "}" + document.rootName();
    }

    /** The document as text in the encoding its declaration (or byte order mark) gave, without the mark. */
    private static String text(byte[] body, Inspection document) {
        String xml = new String(body, document.charset());
        return xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    }

    /** One reading of one statement, collecting its problems. */
    private static final class Reading {

        private final List<FieldError> errors = new ArrayList<>();
        private int errorsLeftOut;

        BankStatement statement(Object bankToCustomerStatement) {
            if (bankToCustomerStatement == null) {
                fail(ROOT, "required: a camt.053 Document holds a BkToCstmrStmt");
                throw refusal();
            }
            List<?> statements = children(bankToCustomerStatement, "Stmt");
            if (statements.isEmpty()) {
                fail(ROOT + "/Stmt", "required: the statement");
                throw refusal();
            }
            if (statements.size() > 1) {
                fail(
                        ROOT + "/Stmt",
                        "one statement per file: this file holds " + statements.size()
                                + "; import each account's statement on its own");
                throw refusal();
            }
            String path = ROOT + "/Stmt";
            Object statement = statements.get(0);
            String id = text(path + "/Id", child(statement, "Id"), TEXT_LENGTH_MAX, true);
            String account = account(path + "/Acct", child(statement, "Acct"));
            LocalDate created = date(child(statement, "CreDtTm"));
            if (created == null) {
                created = date(child(child(bankToCustomerStatement, "GrpHdr"), "CreDtTm"));
            }
            if (created == null) {
                fail(ROOT + "/GrpHdr/CreDtTm", "required: the date and time the bank created the statement");
            } else if (!LegalDates.isInRange(created)) {
                fail(path + "/CreDtTm", "the statement's date " + LegalDates.rangeProblem());
                created = null;
            }
            List<StatementEntry> entries = new ArrayList<>();
            Set<String> references = new HashSet<>();
            List<?> ntries = children(statement, "Ntry");
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

        private String account(String path, Object account) {
            if (account == null) {
                fail(path, "required: the account the statement is of");
                return null;
            }
            Object currency = child(account, "Ccy");
            if (currency != null && !CURRENCY.equals(currency)) {
                fail(path + "/Ccy", "the ledger's account is in " + CURRENCY + ", not " + currency);
            }
            Object identification = child(account, "Id");
            Object iban = child(identification, "IBAN");
            if (iban != null) {
                return text(path + "/Id/IBAN", iban, ACCOUNT_LENGTH_MAX, true);
            }
            Object other = child(child(identification, "Othr"), "Id");
            if (other != null) {
                return text(path + "/Id/Othr/Id", other, ACCOUNT_LENGTH_MAX, true);
            }
            fail(path + "/Id", "required: the account's IBAN or Othr/Id");
            return null;
        }

        /** The entry at {@code path}: one transaction, or one per transaction of a batch booking. */
        private void entries(
                String path, int position, Object ntry, Set<String> references, List<StatementEntry> entries) {
            Money amount = amount(path + "/Amt", child(ntry, "Amt"), true);
            CreditDebit direction = direction(path + "/CdtDbtInd", child(ntry, "CdtDbtInd"), true);
            boolean booked = booked(child(ntry, "Sts"));
            LocalDate bookingDate = bookingDate(path + "/BookgDt", child(ntry, "BookgDt"));
            String reference = text(path + "/NtryRef", child(ntry, "NtryRef"), TEXT_LENGTH_MAX, false);
            if (reference == null) {
                reference = text(path + "/AcctSvcrRef", child(ntry, "AcctSvcrRef"), TEXT_LENGTH_MAX, false);
            }
            if (reference == null || reference.isBlank() || !references.add(reference)) {
                // Without a reference of its own, or with one an earlier entry used, the entry is named by position.
                reference = "entry-" + position;
                references.add(reference);
            }
            List<Object> transactions = new ArrayList<>();
            for (Object details : children(ntry, "NtryDtls")) {
                transactions.addAll(children(details, "TxDtls"));
            }
            if (transactions.size() <= 1) {
                Object transaction = transactions.isEmpty() ? null : transactions.get(0);
                String endToEndId = endToEndId(path + "/NtryDtls/TxDtls", transaction);
                if (amount != null && direction != null) {
                    entries.add(new StatementEntry(reference, endToEndId, amount, direction, bookingDate, booked));
                }
                return;
            }
            for (int j = 0; j < transactions.size(); j++) {
                String txPath = path + "/NtryDtls/TxDtls[" + (j + 1) + "]";
                Object transaction = transactions.get(j);
                Object txAmount = child(transaction, "Amt");
                if (txAmount == null) {
                    txAmount = child(child(child(transaction, "AmtDtls"), "TxAmt"), "Amt");
                }
                Money share = amount(txPath + "/Amt", txAmount, true);
                CreditDebit txDirection = direction(txPath + "/CdtDbtInd", child(transaction, "CdtDbtInd"), false);
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

        private String endToEndId(String path, Object transaction) {
            Object value = child(child(transaction, "Refs"), "EndToEndId");
            String endToEndId = text(path + "/Refs/EndToEndId", value, TEXT_LENGTH_MAX, false);
            return endToEndId == null ? null : endToEndId.strip();
        }

        private Money amount(String path, Object amount, boolean required) {
            if (amount == null) {
                if (required) {
                    fail(path, "required: the amount");
                }
                return null;
            }
            Object value = child(amount, "Value");
            if (!(value instanceof BigDecimal decimal)) {
                fail(path, "not an amount: a decimal such as 1250.00");
                return null;
            }
            Object currency = child(amount, "Ccy");
            if (!CURRENCY.equals(currency)) {
                fail(path, "the currency is " + currency + "; the ledger's account is in " + CURRENCY);
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

        private CreditDebit direction(String path, Object indicator, boolean required) {
            if (indicator instanceof Enum<?> code) {
                switch (code.name()) {
                    case "CRDT" -> {
                        return CreditDebit.CREDIT;
                    }
                    case "DBIT" -> {
                        return CreditDebit.DEBIT;
                    }
                    default -> {
                        // Falls through to the refusal below.
                    }
                }
            }
            if (indicator != null || required) {
                fail(path, "required: CRDT or DBIT");
            }
            return null;
        }

        /** Booked unless the bank says otherwise (PDNG, INFO, FUTR): a camt.053 reports booked entries. */
        private static boolean booked(Object status) {
            if (status == null) {
                return true;
            }
            Object code = status instanceof Enum<?> e ? e.name() : child(status, "Cd");
            return code == null || BOOKED.equals(code);
        }

        private LocalDate bookingDate(String path, Object choice) {
            if (choice == null) {
                return null;
            }
            LocalDate date = date(child(choice, "Dt"));
            if (date == null) {
                date = date(child(choice, "DtTm"));
            }
            if (date == null) {
                fail(path, "not a date: Dt (2022-08-12) or DtTm (2022-08-12T10:15:30+02:00)");
            } else if (!LegalDates.isInRange(date)) {
                fail(path, "the booking date " + LegalDates.rangeProblem());
                return null;
            }
            return date;
        }

        private String text(String path, Object value, int lengthMax, boolean required) {
            if (!(value instanceof String text) || text.isBlank()) {
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

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        if (value instanceof XMLGregorianCalendar calendar && calendar.getYear() > 0) {
            return LocalDate.of(calendar.getYear(), calendar.getMonth(), calendar.getDay());
        }
        return null;
    }

    /** The child element {@code element} of {@code node}: its getter's value, or null where there is none. */
    static Object child(Object node, String element) {
        if (node == null) {
            return null;
        }
        Optional<Method> getter = GETTERS.computeIfAbsent(
                node.getClass().getName() + "#" + element, key -> getter(node.getClass(), element));
        if (getter.isEmpty()) {
            return null;
        }
        try {
            return getter.get().invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the ISO 20022 model cannot be read at " + element, e);
        }
    }

    /** The repeated child elements {@code element} of {@code node}, none when absent. */
    static List<?> children(Object node, String element) {
        Object value = child(node, element);
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    private static Optional<Method> getter(Class<?> type, String element) {
        try {
            return Optional.of(type.getMethod("get" + element));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
