package nl.kassier.ledger.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import org.junit.jupiter.api.Test;

/** The hardened pass: what every step through an uploaded statement checks, whether a reader reads or skips. */
class StatementXmlTest {

    private static StatementXml open(String xml) {
        return StatementXml.open(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The one problem the document is refused for, once it is read to its end without looking at anything. */
    private static FieldError refusalOfSkipping(String xml) {
        LedgerRejection rejection = catchThrowableOfType(LedgerRejection.class, () -> {
            try (StatementXml statement = open(xml)) {
                statement.skipToEnd();
            }
        });
        assertThat(rejection).as("a refusal").isNotNull();
        assertThat(rejection.fieldErrors()).hasSize(1);
        return rejection.fieldErrors().get(0);
    }

    @Test
    void opensAtTheRootElementAfterTheDeclarationAndComments() {
        try (StatementXml xml =
                open("<?xml version=\"1.0\"?><!-- statement --><?pi x?><r:Document xmlns:r=\"urn:a\"/>")) {
            assertThat(xml.rootName()).isEqualTo("Document");
            assertThat(xml.rootNamespace()).isEqualTo("urn:a");
        }
        try (StatementXml xml = open("<Document/>")) {
            assertThat(xml.rootNamespace()).isEmpty();
        }
    }

    @Test
    void readsTextAcrossCdataCharacterReferencesAndCommentsAfterTheLastChildElement() {
        try (StatementXml xml = open("<a><b>x<![CDATA[<y>]]>&amp;&#x42;<!-- c -->z</b><c>no<skipped/>yes</c></a>")) {
            assertThat(xml.nextChild()).isTrue();
            assertThat(xml.name()).isEqualTo("b");
            assertThat(xml.text()).isEqualTo("x<y>&Bz");
            assertThat(xml.nextChild()).isTrue();
            assertThat(xml.text()).as("the text after the last child element").isEqualTo("yes");
            assertThat(xml.nextChild()).isFalse();
        }
    }

    @Test
    void namesOnlyTheElementsOfTheRootsNamespaceOrOfNone() {
        List<String> names = new ArrayList<>();
        try (StatementXml xml = open("<d:a xmlns:d=\"urn:d\" xmlns:o=\"urn:o\"><d:b/><o:c/><e xmlns=\"\"/></d:a>")) {
            while (xml.nextChild()) {
                names.add(xml.name());
                xml.skip();
            }
        }
        assertThat(names).containsExactly("b", "", "e");
    }

    @Test
    void readsAnAttributeWithoutAPrefixOnly() {
        try (StatementXml xml = open("<a xmlns:p=\"urn:p\"><b Ccy=\"EUR\"/><c p:Ccy=\"EUR\"/></a>")) {
            xml.nextChild();
            assertThat(xml.attribute("Ccy")).isEqualTo("EUR");
            xml.skip();
            xml.nextChild();
            assertThat(xml.attribute("Ccy")).isNull();
        }
    }

    @Test
    void checksAnAmountAReaderSkips() {
        FieldError error = refusalOfSkipping("<Document><Bal><Amt Ccy=\"EUR\">1E2</Amt></Bal></Document>");
        assertThat(error.field()).isEqualTo("/Document/Bal/Amt");
        assertThat(error.message()).contains("not an amount");
        assertThat(refusalOfSkipping("<Document><TtlAmt Ccy=\"EUR\"><x>1</x></TtlAmt></Document>")
                        .message())
                .contains("holds digits, no elements");
    }

    @Test
    void namesTheEntryAndTheTransactionOfAnAmountItRefuses() {
        FieldError error = refusalOfSkipping("<Document><Ntry/><Ntry/><Ntry><NtryDtls><TxDtls/><TxDtls>"
                + "<Amt Ccy=\"EUR\">-5.00</Amt></TxDtls></NtryDtls></Ntry></Document>");
        assertThat(error.field()).isEqualTo("/Document/Ntry[3]/NtryDtls/TxDtls[2]/Amt");
        assertThat(error.message()).contains("without a sign");
    }

    @Test
    void acceptsAnAmountOfEighteenDigitsAndFiveDecimalsWithWhiteSpaceAround() {
        try (StatementXml xml =
                open("<a><Amt Ccy=\"EUR\">\n 123456789012345678 </Amt><Amt Ccy=\"EUR\">0.12345</Amt></a>")) {
            xml.skipToEnd();
        }
        assertThat(refusalOfSkipping("<a><Amt Ccy=\"EUR\">0.123456</Amt></a>").message())
                .contains("not an amount");
    }

    @Test
    void refusesElementsNestedDeeperThanTheMost() {
        String deepest = "<e>".repeat(StatementXml.DEPTH_MAX) + "</e>".repeat(StatementXml.DEPTH_MAX);
        try (StatementXml xml = open(deepest)) {
            xml.skipToEnd();
        }
        String deeper = "<e>".repeat(StatementXml.DEPTH_MAX + 1) + "</e>".repeat(StatementXml.DEPTH_MAX + 1);
        assertThat(refusalOfSkipping(deeper).message()).contains("deeper than " + StatementXml.DEPTH_MAX);
    }

    @Test
    void refusesWhatFollowsTheRootUnlessItIsAComment() {
        try (StatementXml xml = open("<a/><!-- end -->\n")) {
            xml.skipToEnd();
        }
        FieldError error = refusalOfSkipping("<a/><b/>");
        assertThat(error.field()).isEqualTo("body");
        assertThat(error.message()).startsWith("not well-formed XML (line 1");
    }

    @Test
    void refusesAnEntityOtherThanXmlsOwnAndABodyWithoutElements() {
        assertThat(refusalOfSkipping("<a>&nbsp;</a>").message()).contains("entity references");
        LedgerRejection empty = catchThrowableOfType(
                LedgerRejection.class, () -> StatementXml.open("<!-- only -->".getBytes(StandardCharsets.UTF_8)));
        assertThat(empty.fieldErrors()).extracting(FieldError::field).containsExactly("body");
    }
}
