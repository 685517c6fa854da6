package nl.kassier.ledger.api.reconciliation;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;

/**
 * The first look at an uploaded statement, before any library sees it: one pass of the JDK's own streaming parser,
 * hardened so that nothing outside the document is ever read. A DOCTYPE is refused outright (a bank statement needs
 * none, and its entities are how billion-laughs and external-entity attacks work); the document must be well-formed
 * XML, no deeper than {@value #DEPTH_MAX} elements, with at most {@link BankStatement#ENTRIES_MAX} entries once each
 * batch booking is split into its transactions. Every amount must be written as ISO 20022 writes a decimal: digits,
 * at most 18, of which at most 5 after a point; an exponent ({@code 1E2}) or digits of another script, which the
 * binding would take, are refused. The pass also tells which message the document is, by its root element's
 * namespace.
 */
final class StatementXml {

    /** A camt.053 document nests about twelve levels deep; anything much deeper is not one. */
    static final int DEPTH_MAX = 64;

    static final String ENTRY_ELEMENT = "Ntry";

    static final String TRANSACTION_ELEMENT = "TxDtls";

    /** An ISO 20022 amount (ActiveOrHistoricCurrencyAndAmount): totalDigits 18, fractionDigits 5, no sign. */
    private static final Pattern AMOUNT = Pattern.compile("(?=[0-9.]{1,19}$)[0-9]{1,18}(\\.[0-9]{1,5})?");

    private StatementXml() {}

    /** What the first pass learned: the root element, the encoding, and how many entries the document holds. */
    record Inspection(String rootNamespace, String rootName, Charset charset, int entries) {}

    static Inspection inspect(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(body));
            Charset charset = charset(reader);
            String rootNamespace = null;
            String rootName = null;
            int depth = 0;
            int entries = 0;
            int transactionsInEntry = 0;
            Deque<String> path = new ArrayDeque<>();
            StringBuilder amount = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD ->
                        throw refused(
                                "body",
                                "a DOCTYPE declaration is not accepted: a bank statement needs none, and the entities it"
                                        + " declares could read files or exhaust memory");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw refused("body", "entity references other than XML's own are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (depth > DEPTH_MAX) {
                            throw refused("body", "elements nest deeper than " + DEPTH_MAX + " levels");
                        }
                        String name = reader.getLocalName();
                        if (amount != null) {
                            throw refused(
                                    "/" + String.join("/", path), "not an amount: an amount holds digits, no elements");
                        }
                        path.addLast(name);
                        if (rootName == null) {
                            rootName = name;
                            rootNamespace = reader.getNamespaceURI();
                        } else if (rootNamespace != null && rootNamespace.equals(reader.getNamespaceURI())) {
                            if (ENTRY_ELEMENT.equals(name)) {
                                transactionsInEntry = 0;
                            } else if (TRANSACTION_ELEMENT.equals(name)) {
                                transactionsInEntry++;
                            }
                        }
                        amount = name.endsWith("Amt") && reader.getAttributeValue(null, "Ccy") != null
                                ? new StringBuilder()
                                : null;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (amount != null) {
                            amount.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (amount != null
                                && !AMOUNT.matcher(amount.toString().strip()).matches()) {
                            throw refused(
                                    "/" + String.join("/", path),
                                    "not an amount: digits with at most 5 decimals after a point, such as 1250.00");
                        }
                        amount = null;
                        if (ENTRY_ELEMENT.equals(reader.getLocalName())
                                && rootNamespace != null
                                && rootNamespace.equals(reader.getNamespaceURI())) {
                            // A batch booking becomes one statement entry per transaction.
                            entries += Math.max(1, transactionsInEntry);
                            if (entries > BankStatement.ENTRIES_MAX) {
                                throw refused(
                                        "/Document/BkToCstmrStmt/Stmt/Ntry",
                                        "a statement may hold at most " + BankStatement.ENTRIES_MAX
                                                + " entries, counting each transaction of a batch booking");
                            }
                        }
                        path.pollLast();
                        depth--;
                    }
                    default -> {
                        // Text, comments and processing instructions need no look here.
                    }
                }
            }
            if (rootName == null) {
                throw refused("body", "the body holds no XML element");
            }
            return new Inspection(rootNamespace == null ? "" : rootNamespace, rootName, charset, entries);
        } catch (XMLStreamException e) {
            throw refused("body", "not well-formed XML" + where(e.getLocation()));
        } finally {
            close(reader);
        }
    }

    /**
     * The JDK's own StAX implementation (never one found on the classpath), with DTDs, external entities and every
     * external access switched off.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are never read");
        });
        return factory;
    }

    private static Charset charset(XMLStreamReader reader) {
        String name = reader.getEncoding();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw refused("body", "the encoding " + name + " is not supported");
        }
    }

    private static String where(Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing is held open on a byte array.
            }
        }
    }

    static LedgerRejection refused(String field, String message) {
        return new LedgerRejection(
                LedgerErrorCode.VALIDATION_FAILED,
                "the bank statement is not valid",
                List.of(new FieldError(field, message)));
    }
}
