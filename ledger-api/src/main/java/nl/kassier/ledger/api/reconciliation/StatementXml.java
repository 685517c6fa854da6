package nl.kassier.ledger.api.reconciliation;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;

/**
 * An uploaded statement, read once from its first byte to its last by the JDK's own streaming parser, hardened so that
 * nothing outside the document is ever read. A reader walks the elements it needs and skips the rest, and every step,
 * reading or skipping, passes the same checks: a DOCTYPE is refused outright (a bank statement needs none, and its
 * entities are how billion-laughs and external-entity attacks work); the document must be well-formed XML, no deeper
 * than {@value #DEPTH_MAX} elements; and every amount, an element whose name ends in {@code Amt} and that carries a
 * {@code Ccy} attribute, must be written as ISO 20022 writes a decimal: digits, at most 18, of which at most 5 after a
 * point. An exponent ({@code 1E2}), a sign or digits of another script are refused, wherever the amount stands.
 */
final class StatementXml implements AutoCloseable {

    /** A camt.053 document nests about twelve levels deep; anything much deeper is not one. */
    static final int DEPTH_MAX = 64;

    /** An ISO 20022 amount (ActiveOrHistoricCurrencyAndAmount): totalDigits 18, fractionDigits 5, no sign. */
    private static final Pattern AMOUNT = Pattern.compile("(?=[0-9.]{1,19}$)[0-9]{1,18}(\\.[0-9]{1,5})?");

    private final XMLStreamReader reader;

    /**
     * The open elements, for the problems the checks report: their local names, an entry and a transaction with its
     * place among its siblings ({@code Ntry[3]}), as the reader names them.
     */
    private final Deque<String> path = new ArrayDeque<>();

    /** For each open element (and the document), how many children of each name it has had so far. */
    private final Deque<Map<String, Integer>> children = new ArrayDeque<>(List.of(new HashMap<>()));

    private String rootNamespace;

    private String rootName;

    /** The text of the amount element now open, checked when it ends; null when no amount is open. */
    private StringBuilder amount;

    private StatementXml(XMLStreamReader reader) {
        this.reader = reader;
    }

    /** Opens {@code body} at its root element, or refuses it when it holds none that can be reached safely. */
    static StatementXml open(byte[] body) {
        XMLStreamReader reader;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(body));
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
        StatementXml xml = new StatementXml(reader);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    xml.rootNamespace = namespace(reader.getNamespaceURI());
                    xml.rootName = reader.getLocalName();
                    return xml;
                }
            }
            throw refused("body", "the body holds no XML element");
        } catch (LedgerRejection e) {
            xml.close();
            throw e;
        }
    }

    /** The root element's namespace, empty when it has none. */
    String rootNamespace() {
        return rootNamespace;
    }

    /** The root element's local name. */
    String rootName() {
        return rootName;
    }

    /**
     * The name of the element the reader is at, if it belongs to the document: it is in the root's namespace, or in
     * none, which ISO 20022 readers take as the same. Empty for an element of any other namespace, which no reader of
     * this document knows.
     */
    String name() {
        String namespace = namespace(reader.getNamespaceURI());
        return namespace.isEmpty() || namespace.equals(rootNamespace) ? reader.getLocalName() : "";
    }

    /** The value of the current element's attribute {@code name} without a namespace prefix, or null. */
    String attribute(String name) {
        return reader.getAttributeValue("", name);
    }

    /**
     * Moves from the start of an element, or the end of one of its children, to its next child element. False once
     * the element ends. Every child the reader moves to must be read to its end: by {@link #text()}, by moving through
     * its own children, or by {@link #skip()}.
     */
    boolean nextChild() {
        return nextChild(null);
    }

    /**
     * As {@link #nextChild()}, keeping the element's own text in {@code text}: the text after its last child, which is
     * how an XML binding reads a value that has elements written into it.
     */
    boolean nextChild(StringBuilder text) {
        while (true) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (text != null) {
                        text.setLength(0);
                    }
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return false;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text != null) {
                        text.append(reader.getText());
                    }
                }
                default -> {
                    // Comments and processing instructions say nothing.
                }
            }
        }
    }

    /** The current element's text after its last child, read to its end; children, which no value has, are skipped. */
    String text() {
        StringBuilder text = new StringBuilder();
        while (nextChild(text)) {
            skip();
        }
        return text.toString();
    }

    /** Reads past the current element and everything in it, checking it all the same. */
    void skip() {
        while (nextChild()) {
            skip();
        }
    }

    /** Reads, and so checks, whatever is left of the document, up to its end. */
    void skipToEnd() {
        while (hasNext()) {
            next();
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Nothing is held open on a byte array.
        }
    }

    static LedgerRejection refused(String field, String message) {
        return new LedgerRejection(
                LedgerErrorCode.VALIDATION_FAILED,
                "the bank statement is not valid",
                List.of(new FieldError(field, message)));
    }

    private boolean hasNext() {
        try {
            return reader.hasNext();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    /** The one step every move takes: the next event of the document, checked. */
    private int next() {
        int event;
        try {
            event = reader.next();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
        switch (event) {
            case XMLStreamConstants.DTD ->
                throw refused(
                        "body",
                        "a DOCTYPE declaration is not accepted: a bank statement needs none, and the entities it"
                                + " declares could read files or exhaust memory");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                throw refused("body", "entity references other than XML's own are not accepted");
            case XMLStreamConstants.START_ELEMENT -> started();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                if (amount != null) {
                    amount.append(reader.getText());
                }
            }
            case XMLStreamConstants.END_ELEMENT -> ended();
            default -> {
                // Comments, processing instructions and the document's end need no look.
            }
        }
        return event;
    }

    private void started() {
        if (path.size() >= DEPTH_MAX) {
            throw refused("body", "elements nest deeper than " + DEPTH_MAX + " levels");
        }
        if (amount != null) {
            throw refused(path(), "not an amount: an amount holds digits, no elements");
        }
        String name = reader.getLocalName();
        int place = children.getLast().merge(name, 1, Integer::sum);
        path.addLast(name.equals("Ntry") || name.equals("TxDtls") ? name + "[" + place + "]" : name);
        children.addLast(new HashMap<>());
        amount = name.endsWith("Amt") && reader.getAttributeValue(null, "Ccy") != null ? new StringBuilder() : null;
    }

    private void ended() {
        if (amount != null && !AMOUNT.matcher(amount.toString().strip()).matches()) {
            throw refused(
                    path(),
                    "not an amount: digits without a sign, with at most 5 decimals after a point (ISO 20022), such as"
                            + " 1250.00; a euro amount has at most 2");
        }
        amount = null;
        path.removeLast();
        children.removeLast();
    }

    private String path() {
        return "/" + String.join("/", path);
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

    private static String namespace(String uri) {
        return uri == null ? "" : uri;
    }

    private static LedgerRejection notWellFormed(XMLStreamException e) {
        return refused("body", "not well-formed XML" + where(e.getLocation()));
    }

    private static String where(Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}
