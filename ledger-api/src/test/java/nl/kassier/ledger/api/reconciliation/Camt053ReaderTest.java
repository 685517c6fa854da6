package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.CreditDebit;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading camt.053 statements of 001.02, 001.08 and 001.13, and refusing every file that is not one, by element. */
class Camt053ReaderTest {

    private final Camt053Reader reader = new Camt053Reader();

    static byte[] fixture(String name) {
        try (InputStream in = Camt053ReaderTest.class.getResourceAsStream("/camt053/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    @Nested
    class Statements {

        @Test
        void readsAVersion02StatementWithItsDebitsAndCredit() {
            BankStatement statement = reader.read(fixture("all-matched.camt.053.001.02.xml"));
            assertThat(statement.statementId()).isEqualTo("0001234567-2022-08-04");
            assertThat(statement.account()).isEqualTo("NL20INGB0001234567");
            assertThat(statement.creationDate()).isEqualTo(LocalDate.of(2022, 8, 5));
            assertThat(statement.entries())
                    .containsExactly(
                            new StatementEntry(
                                    "2022080100017",
                                    "RC-A-1",
                                    eur("1000.00"),
                                    CreditDebit.DEBIT,
                                    LocalDate.of(2022, 8, 1),
                                    true),
                            new StatementEntry(
                                    "2022080200004",
                                    "RC-A-2",
                                    eur("250.50"),
                                    CreditDebit.DEBIT,
                                    LocalDate.of(2022, 8, 2),
                                    true),
                            new StatementEntry(
                                    "2022080300002",
                                    "NOTPROVIDED",
                                    eur("5000.00"),
                                    CreditDebit.CREDIT,
                                    LocalDate.of(2022, 8, 3),
                                    true),
                            new StatementEntry(
                                    "2022080400009",
                                    "RC-A-3",
                                    eur("780.25"),
                                    CreditDebit.DEBIT,
                                    LocalDate.of(2022, 8, 4),
                                    true));
        }

        @Test
        void splitsABatchBookingIntoItsTransactions() {
            BankStatement statement = reader.read(fixture("unknown-debit.camt.053.001.08.xml"));
            assertThat(statement.entries())
                    .extracting(StatementEntry::entryReference, StatementEntry::endToEndId, StatementEntry::amount)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("20221004-000007/1", "RC-C-1", eur("300.00")),
                            org.assertj.core.groups.Tuple.tuple("20221004-000007/2", "RC-C-2", eur("120.00")),
                            org.assertj.core.groups.Tuple.tuple("20221004-000008", "INV-2022-0917", eur("55.00")));
        }

        @Test
        void readsAnAccountByItsOtherIdAndABookingDateTime() {
            BankStatement statement = reader.read(fixture("reimport.camt.053.001.08.xml"));
            assertThat(statement.account()).isEqualTo("0001234567");
            assertThat(statement.reconciliationId().value()).isEqualTo("statement_0001234567_0001234567-2022-10-06");
            assertThat(statement.entries().get(0).bookingDate()).isEqualTo(LocalDate.of(2022, 10, 6));
        }

        @Test
        void readsTheNewestVersion() {
            BankStatement statement = reader.read(fixture("single-entry.camt.053.001.13.xml"));
            assertThat(statement.creationDate()).isEqualTo(LocalDate.of(2025, 3, 3));
            assertThat(statement.entries())
                    .containsExactly(new StatementEntry(
                            "20250228-000001",
                            "RC-F-1",
                            eur("12.34"),
                            CreditDebit.DEBIT,
                            LocalDate.of(2025, 2, 28),
                            true));
        }

        @Test
        void readsEveryVersionFrom02To13() {
            String template = new String(fixture("single-entry.camt.053.001.13.xml"), StandardCharsets.UTF_8);
            for (int version = Camt053Reader.VERSION_MIN; version <= Camt053Reader.VERSION_MAX; version++) {
                String xml = template.replace("camt.053.001.13", "camt.053.001.%02d".formatted(version));
                if (version == 2) {
                    // 001.02 writes the status as a bare code.
                    xml = xml.replaceAll("<Sts>\\s*<Cd>BOOK</Cd>\\s*</Sts>", "<Sts>BOOK</Sts>");
                }
                BankStatement statement = reader.read(xml.getBytes(StandardCharsets.UTF_8));
                assertThat(statement.entries())
                        .as("camt.053.001.%02d", version)
                        .extracting(StatementEntry::endToEndId, StatementEntry::amount)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("RC-F-1", eur("12.34")));
            }
        }

        @Test
        void readsADocumentInAnotherDeclaredEncoding() {
            String xml = new String(fixture("single-entry.camt.053.001.13.xml"), StandardCharsets.UTF_8)
                    .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                    .replace("RC-F-1", "RC-F-\u00e9");
            BankStatement statement = reader.read(xml.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(statement.entries().get(0).endToEndId()).isEqualTo("RC-F-\u00e9");
        }
    }

    @Nested
    class BadFiles {

        private List<FieldError> refusal(byte[] body) {
            LedgerRejection rejection = catchThrowableOfType(LedgerRejection.class, () -> reader.read(body));
            assertThat(rejection).as("a refusal").isNotNull();
            assertThat(rejection.code()).isEqualTo(LedgerErrorCode.VALIDATION_FAILED);
            return rejection.fieldErrors();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                not-xml.csv                              | body                                        | not well-formed XML
                pain.001.001.03.xml                      | /Document                                   | pain.001.001.03
                camt.052.001.08.xml                      | /Document                                   | camt.052.001.08
                unsupported-version.camt.053.001.01.xml  | /Document                                   | not supported
                missing-statement-id.camt.053.001.02.xml | /Document/BkToCstmrStmt/Stmt/Id             | required
                missing-account-id.camt.053.001.02.xml   | /Document/BkToCstmrStmt/Stmt/Acct/Id        | IBAN or Othr/Id
                missing-amount.camt.053.001.08.xml       | /Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt    | required
                missing-credit-debit.camt.053.001.02.xml | /Document/BkToCstmrStmt/Stmt/Ntry[1]/CdtDbtInd | CRDT or DBIT
                three-decimals.camt.053.001.02.xml       | /Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt    | at most 2 decimals
                billion-laughs.xml                       | body                                        | DOCTYPE
                xxe-passwd.xml                           | body                                        | DOCTYPE
                xxe-external-dtd.xml                     | body                                        | DOCTYPE
                """)
        void refusesNamingTheElement(String file, String field, String message) {
            assertThat(refusal(fixture("bad/" + file))).anySatisfy(error -> {
                assertThat(error.field()).isEqualTo(field);
                assertThat(error.message()).contains(message);
            });
        }

        /** The one-entry statement of 001.13 with {@code from} replaced by {@code to}. */
        private byte[] singleEntryWith(String from, String to) {
            String xml = new String(fixture("single-entry.camt.053.001.13.xml"), StandardCharsets.UTF_8);
            assertThat(xml).contains(from);
            return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                an exponent               | <Amt Ccy="EUR">1E2</Amt>
                Arabic-Indic digits       | <Amt Ccy="EUR">١٢.٣٤</Amt>
                a sign                    | <Amt Ccy="EUR">+12.34</Amt>
                more than 18 digits       | <Amt Ccy="EUR">1234567890123456789</Amt>
                """)
        void refusesAnAmountWrittenOtherwiseThanDigits(String what, String amount) {
            byte[] body = singleEntryWith(
                    "<Amt Ccy=\"EUR\">12.34</Amt>\n        <CdtDbtInd>DBIT", amount + "\n        <CdtDbtInd>DBIT");
            assertThat(refusal(body)).as(what).anySatisfy(error -> {
                assertThat(error.field()).isEqualTo("/Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt");
                assertThat(error.message()).contains("not an amount");
            });
        }

        @Test
        void refusesTextWithControlCharactersAndDatesOutsideTheLedgersCalendar() {
            assertThat(refusal(singleEntryWith("<NtryRef>20250228-000001</NtryRef>", "<NtryRef>a&#x85;b</NtryRef>")))
                    .anySatisfy(error -> assertThat(error.message()).contains("control characters"));
            assertThat(refusal(singleEntryWith(
                            "<Dt>2025-02-28</Dt>\n        </BookgDt>", "<Dt>1999-12-31</Dt>\n        </BookgDt>")))
                    .anySatisfy(error -> assertThat(error.field()).endsWith("/BookgDt"));
        }

        @Test
        void countsEachTransactionOfABatchBookingTowardsTheMostEntries() {
            String transaction = "<TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><Amt Ccy=\"EUR\">0.01</Amt></TxDtls>";
            String many = transaction.repeat(BankStatement.ENTRIES_MAX + 1);
            byte[] body =
                    singleEntryWith("<NtryDtls>\n          <TxDtls>", "<NtryDtls>" + many + "\n          <TxDtls>");
            assertThat(refusal(body))
                    .anySatisfy(error -> assertThat(error.message()).contains("at most " + BankStatement.ENTRIES_MAX));
        }

        @Test
        void neverShowsWhatAnExternalEntityWouldRead() {
            assertThat(refusal(fixture("bad/xxe-passwd.xml")))
                    .allSatisfy(error -> assertThat(error.message()).doesNotContain("root:"));
        }

        @Test
        void refusesAnEmptyDocumentAndAForeignRoot() {
            assertThat(refusal("<?xml version=\"1.0\"?>".getBytes(StandardCharsets.UTF_8)))
                    .extracting(FieldError::field)
                    .containsExactly("body");
            assertThat(refusal("<statement><id>1</id></statement>".getBytes(StandardCharsets.UTF_8)))
                    .anySatisfy(error -> {
                        assertThat(error.field()).isEqualTo("/statement");
                        assertThat(error.message()).contains("camt.053");
                    });
        }

        @Test
        void refusesAStatementInAnotherCurrency() {
            String xml = new String(fixture("single-entry.camt.053.001.13.xml"), StandardCharsets.UTF_8)
                    .replace(
                            "<Amt Ccy=\"EUR\">12.34</Amt>\n        <CdtDbtInd>",
                            "<Amt Ccy=\"USD\">12.34</Amt>\n        <CdtDbtInd>");
            assertThat(refusal(xml.getBytes(StandardCharsets.UTF_8))).anySatisfy(error -> {
                assertThat(error.field()).isEqualTo("/Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt");
                assertThat(error.message()).contains("USD");
            });
        }

        @Test
        void refusesTwoStatementsInOneFile() {
            String xml = new String(fixture("single-entry.camt.053.001.13.xml"), StandardCharsets.UTF_8);
            String statement = xml.substring(xml.indexOf("<Stmt>"), xml.indexOf("</Stmt>") + "</Stmt>".length());
            String twice = xml.replace(statement, statement + "\n" + statement.replace("2025-02-28<", "2025-03-01<"));
            assertThat(refusal(twice.getBytes(StandardCharsets.UTF_8)))
                    .extracting(FieldError::field)
                    .containsExactly("/Document/BkToCstmrStmt/Stmt");
        }

        @Test
        void listsEveryProblemOfAFileAtOnce() {
            String xml = new String(fixture("all-matched.camt.053.001.02.xml"), StandardCharsets.UTF_8)
                    .replace(
                            "<Amt Ccy=\"EUR\">1000.00</Amt>\n        <CdtDbtInd>DBIT",
                            "<Amt Ccy=\"EUR\">1000.001</Amt>\n        <CdtDbtInd>DBIT")
                    .replace(
                            "<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>",
                            "<CdtDbtInd>CREDIT</CdtDbtInd>\n        <Sts>");
            assertThat(refusal(xml.getBytes(StandardCharsets.UTF_8)))
                    .extracting(FieldError::field)
                    .containsExactly(
                            "/Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt",
                            "/Document/BkToCstmrStmt/Stmt/Ntry[3]/CdtDbtInd");
        }
    }
}
