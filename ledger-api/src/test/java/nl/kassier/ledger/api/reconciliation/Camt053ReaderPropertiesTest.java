package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.CreditDebit;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;

/**
 * Any statement the ledger can book, written in the layout of any version from 001.02 to 001.13 with the elements the
 * ledger does not read around its own, is read as the statement it is: its entries, batch bookings split, with their
 * references, amounts, indicators, days and statuses.
 */
class Camt053ReaderPropertiesTest {

    private final Camt053Reader reader = new Camt053Reader();

    /** A transaction of a batch booking: an amount, perhaps its own indicator and end-to-end id. */
    record Transaction(long cents, CreditDebit direction, String endToEndId, boolean inAmountDetails) {}

    /** An entry as written: the status is BOOK, PDNG or INFO, or null for none; references may be null. */
    record Entry(
            long cents,
            CreditDebit direction,
            String status,
            LocalDate bookingDay,
            boolean bookedAtATime,
            String reference,
            String servicerReference,
            List<Transaction> transactions) {}

    /** A statement as written, in the layout of {@code version}. */
    record Written(int version, boolean iban, LocalDate created, boolean createdOnTheStatement, List<Entry> entries) {}

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void readsAStatementOfAnyVersionAsItIsWritten(
            @ForAll("statements") Written statement, @ForAll("layouts") Layout layout) {
        byte[] xml = xml(statement, layout).getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read(xml)).isEqualTo(expected(statement));
    }

    // ---------------------------------------------------------------- what is written

    @Provide
    Arbitrary<Written> statements() {
        return Arbitraries.integers()
                .between(Camt053Reader.VERSION_MIN, Camt053Reader.VERSION_MAX)
                .flatMap(version -> Combinators.combine(
                                Arbitraries.of(true, false),
                                days(),
                                Arbitraries.of(true, false),
                                entries(version).list().ofMinSize(1).ofMaxSize(6))
                        .as((iban, created, onTheStatement, entries) ->
                                new Written(version, iban, created, onTheStatement, numbered(entries))));
    }

    private Arbitrary<Entry> entries(int version) {
        return Combinators.combine(
                        cents(),
                        Arbitraries.of(CreditDebit.class),
                        Arbitraries.of("BOOK", "PDNG", "INFO").injectNull(0.3),
                        days().injectNull(0.2),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false).injectNull(0.3),
                        transactions(version).list().ofMaxSize(3))
                .as((cents, direction, status, day, atATime, ownReference, transactions) -> new Entry(
                        cents,
                        direction,
                        status,
                        day,
                        atATime,
                        Boolean.TRUE.equals(ownReference) ? "N" : null,
                        ownReference != null ? "S" : null,
                        transactions));
    }

    private Arbitrary<Transaction> transactions(int version) {
        return Combinators.combine(
                        cents(),
                        Arbitraries.of(CreditDebit.class).injectNull(0.5),
                        Arbitraries.strings()
                                .withCharRange('A', 'Z')
                                .numeric()
                                .withChars('-')
                                .ofMinLength(1)
                                .ofMaxLength(35)
                                .injectNull(0.2),
                        Arbitraries.of(true, false))
                // In 001.02 a transaction has no indicator of its own, and its amount is in AmtDtls only.
                .as((cents, direction, endToEndId, inDetails) ->
                        version < Camt053Document.TRANSACTION_AMOUNT_VERSION_MIN
                                ? new Transaction(cents, null, endToEndId, true)
                                : new Transaction(cents, direction, endToEndId, inDetails));
    }

    /** Each entry's references made unique by its position, as a bank's are. */
    private static List<Entry> numbered(List<Entry> entries) {
        List<Entry> numbered = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            numbered.add(new Entry(
                    e.cents(),
                    e.direction(),
                    e.status(),
                    e.bookingDay(),
                    e.bookedAtATime(),
                    e.reference() == null ? null : "NTRY-" + i,
                    e.servicerReference() == null ? null : "SVCR-" + i,
                    e.transactions()));
        }
        return numbered;
    }

    private static Arbitrary<Long> cents() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(0, Money.INPUT_MAX.cents()));
    }

    private static Arbitrary<LocalDate> days() {
        return Arbitraries.longs()
                .between(LegalDates.MIN.toEpochDay(), LegalDates.MAX.toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    // ---------------------------------------------------------------- how it is written

    /** How the bank lays the file out: white space between elements, amounts and times as it pleases. */
    record Layout(String space, boolean trailingZeros, String time, String zone, boolean noise) {}

    @Provide
    Arbitrary<Layout> layouts() {
        return Combinators.combine(
                        Arbitraries.of("", "\n", "\n    ", " \t"),
                        Arbitraries.of(true, false),
                        Arbitraries.of("10:15:30", "00:00:00", "23:59:59.999", "12:00:00.123456789012"),
                        Arbitraries.of("", "Z", "+02:00", "-05:00", "+14:00"),
                        Arbitraries.of(true, false))
                .as(Layout::new);
    }

    private static String xml(Written statement, Layout layout) {
        String s = layout.space();
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").append(s);
        xml.append(
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.%02d\">".formatted(statement.version()));
        xml.append(s).append("<BkToCstmrStmt>").append(s);
        xml.append("<GrpHdr><MsgId>M-1</MsgId><CreDtTm>")
                .append(dateTime(statement.created(), layout))
                .append("</CreDtTm></GrpHdr>")
                .append(s);
        xml.append("<Stmt>").append(s).append("<Id>STMT-1</Id>").append(s);
        if (statement.createdOnTheStatement()) {
            xml.append("<CreDtTm>")
                    .append(dateTime(statement.created(), layout))
                    .append("</CreDtTm>")
                    .append(s);
        }
        xml.append("<Acct><Id>")
                .append(statement.iban() ? "<IBAN>NL20INGB0001234567</IBAN>" : "<Othr><Id>0001234567</Id></Othr>")
                .append("</Id><Ccy>EUR</Ccy></Acct>")
                .append(s);
        if (layout.noise()) {
            xml.append("<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">1.00</Amt>")
                    .append("<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2022-09-29</Dt></Dt></Bal>")
                    .append(s);
        }
        for (Entry entry : statement.entries()) {
            xml.append("<Ntry>").append(s);
            if (entry.reference() != null) {
                xml.append("<NtryRef>")
                        .append(entry.reference())
                        .append("</NtryRef>")
                        .append(s);
            }
            xml.append(amount(entry.cents(), layout)).append(s);
            xml.append("<CdtDbtInd>")
                    .append(code(entry.direction()))
                    .append("</CdtDbtInd>")
                    .append(s);
            if (entry.status() != null) {
                xml.append(
                        statement.version() <= 6
                                ? "<Sts>" + entry.status() + "</Sts>"
                                : "<Sts>" + s + "<Cd>" + entry.status() + "</Cd>" + s + "</Sts>");
            }
            if (entry.bookingDay() != null) {
                xml.append("<BookgDt>")
                        .append(
                                entry.bookedAtATime()
                                        ? "<DtTm>" + dateTime(entry.bookingDay(), layout) + "</DtTm>"
                                        : "<Dt>" + entry.bookingDay() + layout.zone() + "</Dt>")
                        .append("</BookgDt>")
                        .append(s);
            }
            if (layout.noise()) {
                xml.append("<ValDt><Dt>2022-09-02</Dt></ValDt><BkTxCd><Domn><Cd>PMNT</Cd></Domn></BkTxCd>")
                        .append(s);
            }
            if (entry.servicerReference() != null) {
                xml.append("<AcctSvcrRef>")
                        .append(entry.servicerReference())
                        .append("</AcctSvcrRef>")
                        .append(s);
            }
            if (!entry.transactions().isEmpty()) {
                xml.append("<NtryDtls>").append(s);
                for (Transaction transaction : entry.transactions()) {
                    xml.append("<TxDtls>").append(s);
                    if (transaction.endToEndId() != null) {
                        xml.append("<Refs><EndToEndId>")
                                .append(transaction.endToEndId())
                                .append("</EndToEndId></Refs>");
                    }
                    if (transaction.inAmountDetails()) {
                        xml.append("<AmtDtls><TxAmt>")
                                .append(amount(transaction.cents(), layout))
                                .append("</TxAmt></AmtDtls>");
                    } else {
                        xml.append(amount(transaction.cents(), layout));
                    }
                    if (transaction.direction() != null) {
                        xml.append("<CdtDbtInd>")
                                .append(code(transaction.direction()))
                                .append("</CdtDbtInd>");
                    }
                    xml.append(s).append("</TxDtls>").append(s);
                }
                xml.append("</NtryDtls>").append(s);
            }
            xml.append("</Ntry>").append(s);
        }
        xml.append("</Stmt>")
                .append(s)
                .append("</BkToCstmrStmt>")
                .append(s)
                .append("</Document>")
                .append(s);
        return xml.toString();
    }

    private static String amount(long cents, Layout layout) {
        BigDecimal value = BigDecimal.valueOf(cents, 2);
        String text = layout.trailingZeros()
                ? value.toPlainString()
                : value.stripTrailingZeros().toPlainString();
        return "<Amt Ccy=\"EUR\">" + layout.space() + text + layout.space() + "</Amt>";
    }

    private static String dateTime(LocalDate day, Layout layout) {
        return day + "T" + layout.time() + layout.zone();
    }

    private static String code(CreditDebit direction) {
        return direction == CreditDebit.CREDIT ? "CRDT" : "DBIT";
    }

    // ---------------------------------------------------------------- what it says

    private static BankStatement expected(Written statement) {
        List<StatementEntry> entries = new ArrayList<>();
        for (int i = 0; i < statement.entries().size(); i++) {
            Entry entry = statement.entries().get(i);
            String reference = entry.reference() != null
                    ? entry.reference()
                    : entry.servicerReference() != null ? entry.servicerReference() : "entry-" + (i + 1);
            boolean booked = entry.status() == null || entry.status().equals("BOOK");
            List<Transaction> transactions = entry.transactions();
            if (transactions.size() <= 1) {
                String endToEndId =
                        transactions.isEmpty() ? null : transactions.get(0).endToEndId();
                entries.add(new StatementEntry(
                        reference,
                        endToEndId,
                        Money.ofCents(entry.cents()),
                        entry.direction(),
                        entry.bookingDay(),
                        booked));
            } else {
                for (int j = 0; j < transactions.size(); j++) {
                    Transaction transaction = transactions.get(j);
                    entries.add(new StatementEntry(
                            reference + "/" + (j + 1),
                            transaction.endToEndId(),
                            Money.ofCents(transaction.cents()),
                            transaction.direction() != null ? transaction.direction() : entry.direction(),
                            entry.bookingDay(),
                            booked));
                }
            }
        }
        String account = statement.iban() ? "NL20INGB0001234567" : "0001234567";
        return new BankStatement("STMT-1", account, statement.created(), entries);
    }
}
