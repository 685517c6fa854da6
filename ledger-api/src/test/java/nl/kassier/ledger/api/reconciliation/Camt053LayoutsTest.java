package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.CreditDebit;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the camt.053 versions write differently, and what their schemas leave open, as the reader takes it: each
 * version's namespace and status form, batch bookings, references, dates, amounts, namespaces and repeated elements.
 */
class Camt053LayoutsTest {

    private static final String ENTRY = "Ntry[1]";
    private static final String STATEMENT = "/Document/BkToCstmrStmt/Stmt";

    private final Camt053Reader reader = new Camt053Reader();

    /** A statement of {@code version} of account NL20INGB0001234567 holding {@code entries}. */
    static String statement(int version, String... entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.%02d">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2025-03-03T05:00:00+01:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>S-1</Id>
                      <Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      %s
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(version, String.join("\n", entries));
    }

    /** A booked debit of 12.34 referenced R-1, with {@code details} as its NtryDtls' content. */
    static String debit(String details) {
        return """
                <Ntry>
                  <NtryRef>R-1</NtryRef><Amt Ccy="EUR">12.34</Amt><CdtDbtInd>DBIT</CdtDbtInd>
                  <BookgDt><Dt>2025-02-28</Dt></BookgDt>
                  <NtryDtls>%s</NtryDtls>
                </Ntry>
                """.formatted(details);
    }

    private BankStatement read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    private StatementEntry onlyEntry(String xml) {
        List<StatementEntry> entries = read(xml).entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private List<FieldError> refusal(String xml) {
        LedgerRejection rejection = catchThrowableOfType(LedgerRejection.class, () -> read(xml));
        assertThat(rejection).as("a refusal").isNotNull();
        return rejection.fieldErrors();
    }

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    @Nested
    class Versions {

        @ParameterizedTest(name = "camt.053.001.{0}")
        @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
        void readsEachVersionsNamespaceAndStatusForm(int version) {
            String form = version <= 6 ? "<Sts>%s</Sts>" : "<Sts><Cd>%s</Cd></Sts>";
            String booked = "<Ntry><NtryRef>B</NtryRef><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                    + form.formatted("BOOK") + "</Ntry>";
            String pending = "<Ntry><NtryRef>P</NtryRef><Amt Ccy=\"EUR\">2.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                    + form.formatted("PDNG") + "</Ntry>";
            assertThat(read(statement(version, booked, pending)).entries())
                    .extracting(StatementEntry::entryReference, StatementEntry::booked)
                    .containsExactly(tuple("B", true), tuple("P", false));
        }

        @ParameterizedTest
        @ValueSource(strings = {"camt.053.001.01", "camt.053.001.14", "camt.053.001.99"})
        void refusesAVersionOutsideTheSupportedOnes(String message) {
            String xml = statement(13, debit("")).replace("camt.053.001.13", message);
            assertThat(refusal(xml)).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("/Document");
                assertThat(error.message())
                        .isEqualTo(message + " is not supported: versions camt.053.001.02 to" + " camt.053.001.13 are");
            });
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                urn:iso:std:iso:20022:tech:xsd:camt.054.001.08 | this is an ISO 20022 camt.054.001.08 message
                urn:iso:std:iso:20022:tech:xsd:camt.053.001.1  | this is urn:iso:std:iso:20022:tech:xsd:camt.053.001.1
                urn:example:statement                          | the root element is {urn:example:statement}Document
                """)
        void refusesAnotherMessageSayingWhatItIs(String namespace, String message) {
            String xml = statement(13, debit("")).replace("urn:iso:std:iso:20022:tech:xsd:camt.053.001.13", namespace);
            assertThat(refusal(xml)).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("/Document");
                assertThat(error.message()).startsWith(message);
            });
        }

        @Test
        void refusesARootOtherThanDocumentAndADocumentWithoutNamespace() {
            String statement = statement(13, debit(""));
            String renamed = statement.replace("<Document ", "<Statement ").replace("</Document>", "</Statement>");
            assertThat(refusal(renamed))
                    .containsExactly(
                            new FieldError("/Statement", "the root element of a camt.053 statement is Document"));
            String withoutNamespace =
                    statement.replace(" xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.13\"", "");
            assertThat(refusal(withoutNamespace)).singleElement().satisfies(error -> assertThat(error.message())
                    .startsWith("the root element is Document; a bank statement is an ISO 20022 camt.053"));
        }

        @Test
        void refusesAnotherMessageThatIsNotWellFormedForThat() {
            String broken = new String(Camt053ReaderTest.fixture("bad/pain.001.001.03.xml"), StandardCharsets.UTF_8)
                    .replace("</Document>", "</Documen>");
            assertThat(refusal(broken)).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("body");
                assertThat(error.message()).startsWith("not well-formed XML");
            });
        }
    }

    @Nested
    class Statuses {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', textBlock = """
                2  | <Sts>BOOK</Sts>                   | true
                2  | <Sts>PDNG</Sts>                   | false
                2  | <Sts>INFO</Sts>                   | false
                6  | <Sts>PDNG</Sts>                   | false
                7  | <Sts><Cd>BOOK</Cd></Sts>          | true
                13 | <Sts><Cd>PDNG</Cd></Sts>          | false
                13 | <Sts><Cd>INFO</Cd></Sts>          | false
                13 | <Sts><Cd>FUTR</Cd></Sts>          | false
                13 | <Sts><Prtry>GEBOEKT</Prtry></Sts> | true
                13 | <Sts/>                            | true
                13 | <!-- no status -->                | true
                2  | <Sts><Cd>PDNG</Cd></Sts>          | false
                13 | <Sts>PDNG</Sts>                   | false
                13 | <Sts>BOOK</Sts>                   | true
                """)
        void countsAnEntryAsBookedUnlessItsStatusCodeIsAnotherThanBook(int version, String status, boolean booked) {
            String entry = "<Ntry><NtryRef>R</NtryRef><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>" + status
                    + "</Ntry>";
            assertThat(onlyEntry(statement(version, entry)).booked()).isEqualTo(booked);
        }
    }

    @Nested
    class BatchBookings {

        @Test
        void takesATransactionsAmountFromItsAmountDetailsWhenItHasNoAmountOfItsOwn() {
            String xml = statement(8, debit("""
                            <TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><Amt Ccy="EUR">10.00</Amt>
                              <AmtDtls><TxAmt><Amt Ccy="EUR">99.00</Amt></TxAmt></AmtDtls></TxDtls>
                            <TxDtls><Refs><EndToEndId>B</EndToEndId></Refs>
                              <AmtDtls><TxAmt><Amt Ccy="EUR">2.34</Amt></TxAmt></AmtDtls></TxDtls>
                            """));
            assertThat(read(xml).entries())
                    .extracting(StatementEntry::entryReference, StatementEntry::endToEndId, StatementEntry::amount)
                    .containsExactly(tuple("R-1/1", "A", eur("10.00")), tuple("R-1/2", "B", eur("2.34")));
        }

        @Test
        void readsOnlyTheAmountDetailsOfAVersion02Transaction() {
            String details = """
                    <TxDtls><Amt Ccy="EUR">10.00</Amt><AmtDtls><TxAmt><Amt Ccy="EUR">7.00</Amt></TxAmt></AmtDtls></TxDtls>
                    <TxDtls><Amt Ccy="EUR">5.34</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>
                    """;
            assertThat(refusal(statement(2, debit(details))))
                    .containsExactly(
                            new FieldError(STATEMENT + "/Ntry[1]/NtryDtls/TxDtls[2]/Amt", "required: the amount"));
            assertThat(read(statement(3, debit(details))).entries())
                    .extracting(StatementEntry::amount, StatementEntry::direction)
                    .containsExactly(tuple(eur("10.00"), CreditDebit.DEBIT), tuple(eur("5.34"), CreditDebit.CREDIT));
        }

        @Test
        void givesATransactionItsOwnIndicatorAndOtherwiseTheEntrys() {
            String xml = statement(13, debit("""
                            <TxDtls><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>
                            <TxDtls><Amt Ccy="EUR">2.00</Amt></TxDtls>
                            <TxDtls><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CREDIT</CdtDbtInd></TxDtls>
                            """));
            assertThat(read(xml).entries())
                    .extracting(StatementEntry::direction)
                    .containsExactly(CreditDebit.CREDIT, CreditDebit.DEBIT, CreditDebit.DEBIT);
        }

        @Test
        void joinsTheTransactionsOfEveryEntryDetailsAndNamesAMissingAmount() {
            String xml = statement(
                    13,
                    debit("<TxDtls><Amt Ccy=\"EUR\">1.00</Amt></TxDtls></NtryDtls><NtryDtls>"
                            + "<TxDtls><Amt Ccy=\"EUR\">2.00</Amt></TxDtls><TxDtls><Refs/></TxDtls>"));
            assertThat(refusal(xml))
                    .containsExactly(
                            new FieldError(STATEMENT + "/Ntry[1]/NtryDtls/TxDtls[3]/Amt", "required: the amount"));
            assertThat(read(xml.replace("<TxDtls><Refs/></TxDtls>", "")).entries())
                    .extracting(StatementEntry::entryReference)
                    .containsExactly("R-1/1", "R-1/2");
        }

        @Test
        void takesTheEndToEndIdOfTheOnlyTransactionWithoutItsSpacesAndNoneForNone() {
            assertThat(onlyEntry(statement(13, debit("<TxDtls><Refs><EndToEndId> E-1 </EndToEndId></Refs></TxDtls>")))
                            .endToEndId())
                    .isEqualTo("E-1");
            assertThat(onlyEntry(statement(13, debit(""))).endToEndId()).isNull();
        }
    }

    @Nested
    class References {

        @Test
        void namesAnEntryByItsReferenceElseTheBanksElseItsPosition() {
            String own = "<Ntry><NtryRef>N-1</NtryRef><AcctSvcrRef>S-1</AcctSvcrRef>"
                    + "<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>";
            String banks = "<Ntry><NtryRef> </NtryRef><AcctSvcrRef>S-2</AcctSvcrRef>"
                    + "<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>";
            String none = "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>";
            String again = own.replace("<AcctSvcrRef>S-1</AcctSvcrRef>", "");
            assertThat(read(statement(8, own, banks, none, again)).entries())
                    .extracting(StatementEntry::entryReference)
                    .containsExactly("N-1", "S-2", "entry-3", "entry-4");
        }

        @Test
        void keepsTheStatementIdAndAccountAsWritten() {
            BankStatement statement = read(statement(13, debit(""))
                    .replace("<Id>S-1</Id>", "<Id>S-1 </Id>")
                    .replace("<Id><IBAN>NL20INGB0001234567</IBAN></Id>", "<Id><Othr><Id>0001234567</Id></Othr></Id>"));
            assertThat(statement.statementId()).isEqualTo("S-1 ");
            assertThat(statement.account()).isEqualTo("0001234567");
        }
    }

    @Nested
    class DatesAndAmounts {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                <Dt>2022-08-12</Dt>                                    | 2022-08-12
                <Dt>2022-08-12+02:00</Dt>                              | 2022-08-12
                <Dt>2022-08-12Z</Dt>                                   | 2022-08-12
                '<Dt> 2022-08-12 </Dt>'                                | 2022-08-12
                <DtTm>2022-08-12T10:15:30</DtTm>                       | 2022-08-12
                <DtTm>2022-08-12T23:30:00-05:00</DtTm>                 | 2022-08-12
                <DtTm>2022-08-12T00:30:00.123456789012+14:00</DtTm>    | 2022-08-12
                <DtTm>2022-08-12T24:00:00Z</DtTm>                      | 2022-08-13
                <Dt>nonsense</Dt><DtTm>2022-08-12T10:15:30Z</DtTm>     | 2022-08-12
                """)
        void readsTheBookingDayAsWritten(String bookingDate, LocalDate day) {
            String xml = statement(13, debit("")).replace("<Dt>2025-02-28</Dt>", bookingDate);
            assertThat(onlyEntry(xml).bookingDate()).isEqualTo(day);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "<Dt>2022-02-30</Dt>",
                    "<Dt>2022-08-12T10:15:30</Dt>",
                    "<Dt>12.08.2022</Dt>",
                    "<Dt></Dt>",
                    "<DtTm>2022-08-12T10:15</DtTm>",
                    "<DtTm>2022-08-12T25:00:00</DtTm>",
                    "<DtTm>2022-08-12T24:00:01</DtTm>",
                    "<DtTm>2022-08-12</DtTm>",
                    "<!-- neither -->"
                })
        void refusesABookingDateThatNamesNoDay(String bookingDate) {
            String xml = statement(13, debit("")).replace("<Dt>2025-02-28</Dt>", bookingDate);
            assertThat(refusal(xml))
                    .containsExactly(new FieldError(
                            STATEMENT + "/" + ENTRY + "/BookgDt",
                            "not a date: Dt (2022-08-12) or DtTm (2022-08-12T10:15:30+02:00)"));
        }

        @Test
        void takesTheCreationDateFromTheGroupHeaderWhenTheStatementGivesNoneItCanRead() {
            String statement = statement(13, debit(""));
            assertThat(read(statement).creationDate()).isEqualTo(LocalDate.of(2025, 3, 3));
            String own = statement.replace("<Id>S-1</Id>", "<Id>S-1</Id><CreDtTm>2025-03-04T01:00:00Z</CreDtTm>");
            assertThat(read(own).creationDate()).isEqualTo(LocalDate.of(2025, 3, 4));
            assertThat(read(own.replace("2025-03-04T01:00:00Z", "2025-03-04")).creationDate())
                    .isEqualTo(LocalDate.of(2025, 3, 3));
            String neither = statement.replace("<CreDtTm>2025-03-03T05:00:00+01:00</CreDtTm>", "");
            assertThat(refusal(neither))
                    .containsExactly(new FieldError(
                            "/Document/BkToCstmrStmt/GrpHdr/CreDtTm",
                            "required: the date and time the bank created the statement"));
        }

        @Test
        void readsAnAmountWithWhiteSpaceAroundIt() {
            String xml = statement(13, debit("")).replace(">12.34<", ">\n  12.34\n<");
            assertThat(onlyEntry(xml).amount()).isEqualTo(eur("12.34"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                <Amt Ccy="EUR">1000000000.00</Amt> | an amount lies between 0.00 and 999999999.99: 1000000000.00
                <Amt Ccy="EUR">12.340</Amt>        | an amount in EUR has at most 2 decimals: 12.340
                <Amt>12.34</Amt>                   | the currency is null; the ledger's account is in EUR
                <Amt>ab</Amt>                      | not an amount: a decimal such as 1250.00
                <Amt Ccy="eur">12.34</Amt>         | the currency is eur; the ledger's account is in EUR
                <Amt Ccy="EUR">\u200312.34</Amt>   | not an amount: a decimal such as 1250.00
                """)
        void refusesAnAmountTheLedgerCannotBook(String amount, String message) {
            String xml = statement(13, debit("")).replace("<Amt Ccy=\"EUR\">12.34</Amt>", amount);
            assertThat(refusal(xml)).containsExactly(new FieldError(STATEMENT + "/" + ENTRY + "/Amt", message));
        }
    }

    @Nested
    class Elements {

        @Test
        void skipsAnElementOfAnotherNamespace() {
            String xml = statement(13, debit("")).replace("<Id>S-1</Id>", "<Id xmlns=\"urn:example\">S-1</Id>");
            assertThat(refusal(xml)).containsExactly(new FieldError(STATEMENT + "/Id", "required"));
        }

        @Test
        void readsElementsWithoutNamespaceAndAPrefixedDocument() {
            String statement = statement(13, debit(""));
            assertThat(read(statement.replace("<Stmt>", "<Stmt xmlns=\"\">")).statementId())
                    .isEqualTo("S-1");
            String prefixed = statement
                    .replace("<Document xmlns=", "<c:Document xmlns:c=")
                    .replace("<BkToCstmrStmt>", "<c:BkToCstmrStmt xmlns=\"\">")
                    .replace("</BkToCstmrStmt>", "</c:BkToCstmrStmt>")
                    .replace("</Document>", "</c:Document>");
            assertThat(read(prefixed).entries()).hasSize(1);
        }

        @Test
        void takesTheLastOfARepeatedElementWhereverItStands() {
            String xml = statement(13, debit(""))
                    .replace("<Id>S-1</Id>", "<Id>S-0</Id>")
                    .replace("</Stmt>", "<Id>S-1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct></Stmt>");
            BankStatement statement = read(xml);
            assertThat(statement.statementId()).isEqualTo("S-1");
            assertThat(statement.account()).isEqualTo("NL91ABNA0417164300");
        }

        @Test
        void countsTheEntriesOfAStatementWithoutNamespaceTowardsTheMost() {
            String many = "<TxDtls><Amt Ccy=\"EUR\">0.01</Amt></TxDtls>".repeat(BankStatement.ENTRIES_MAX + 1);
            String xml = statement(13, debit(many)).replace("<Stmt>", "<Stmt xmlns=\"\">");
            assertThat(refusal(xml)).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo(STATEMENT + "/Ntry");
                assertThat(error.message()).contains("at most " + BankStatement.ENTRIES_MAX);
            });
        }

        @Test
        void listsAtMostFiftyProblemsAndCountsTheRest() {
            String[] entries = new String[Camt053Reader.ERRORS_MAX + 10];
            java.util.Arrays.fill(entries, "<Ntry><Amt Ccy=\"EUR\">1.00</Amt></Ntry>");
            LedgerRejection rejection = catchThrowableOfType(LedgerRejection.class, () -> read(statement(13, entries)));
            assertThat(rejection.fieldErrors()).hasSize(Camt053Reader.ERRORS_MAX);
            assertThat(rejection.getMessage()).endsWith("; 10 more problems are not listed");
        }
    }
}
