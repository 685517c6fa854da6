package nl.kassier.ledger.api.statement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.statement.LineFigures;
import nl.kassier.ledger.projections.statement.NationalStatement;
import nl.kassier.ledger.projections.statement.Statement;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A statement as PDF, for a signature: A4 landscape, in Dutch, with the figures of every line and budget type, and
 * the chain position and the hash of the last event counted, both on the page and in the document's properties
 * ({@code chainHead}, {@code position}), so that a reader can check it against an export.
 */
final class StatementPdf {

    private static final float MARGIN = 36;
    private static final float SIZE = 8.5f;
    private static final float LEADING = 12;
    private static final float LABEL_WIDTH = 250;
    private static final float AMOUNT_WIDTH = 66;
    private static final String[] COLUMNS = {
        "Plafond", "Aangevraagd", "Gereserveerd", "Verplicht", "Betaald", "Vrijgevallen", "Beschikbaar"
    };

    private StatementPdf() {}

    static byte[] of(Statement statement) {
        try (Writer pdf = new Writer(statement.position(), statement.chainHead())) {
            return write(pdf, statement);
        }
    }

    private static byte[] write(Writer pdf, Statement statement) {
        pdf.title("Verantwoording " + statement.region().value() + " " + statement.year());
        pdf.facts(
                statement.on().toString(),
                statement.asOf() == null ? null : statement.asOf().toString(),
                statement.position(),
                statement.chainHead());
        StringBuilder counts = new StringBuilder();
        statement.reservations().forEach((status, count) -> counts.append(counts.length() == 0 ? "" : ", ")
                .append(status)
                .append(' ')
                .append(count));
        pdf.text("Status: " + statement.status() + "    Reserveringen: " + counts);
        pdf.text(discrepancies(statement.openDiscrepancies()));
        pdf.gap();
        lines(pdf, statement);
        return pdf.finish(
                "Verantwoording " + statement.region().value() + " " + statement.year(),
                statement.position(),
                statement.chainHead());
    }

    static byte[] of(NationalStatement national) {
        try (Writer pdf = new Writer(national.position(), national.chainHead())) {
            return write(pdf, national);
        }
    }

    private static byte[] write(Writer pdf, NationalStatement national) {
        pdf.title("Landelijke verantwoording " + national.year());
        pdf.facts(
                national.on().toString(),
                national.asOf() == null ? null : national.asOf().toString(),
                national.position(),
                national.chainHead());
        pdf.text(discrepancies(national.openDiscrepancies()));
        pdf.gap();
        pdf.header("Landelijk plafond en de som van de regio's (toegekend: de som van de regionale plafonds)");
        for (NationalStatement.Line line : national.lines()) {
            line(pdf, line);
            pdf.row("  toegekend aan de regio's", line.allocated(), null, null, null, null, null, null);
        }
        for (Statement region : national.regions()) {
            pdf.gap();
            pdf.text(region.region().value() + " — " + region.status() + ", positie " + region.position());
            lines(pdf, region);
        }
        return pdf.finish("Landelijke verantwoording " + national.year(), national.position(), national.chainHead());
    }

    private static String discrepancies(OpenDiscrepancies.Summary open) {
        return "Openstaande verschillen met de bank: " + open.count() + " betaling(en), verschil "
                + open.difference().toPlainString();
    }

    private static void lines(Writer pdf, Statement statement) {
        pdf.header("Plafondregel");
        for (Statement.Line line : statement.lines()) {
            line(pdf, line);
        }
    }

    /** A cap line: its figures, then each budget type inside it, then what was paid in which year. */
    private static void line(Writer pdf, LineFigures line) {
        pdf.row(
                StatementCsv.budgets(line.budgets()) + (line.overspent() ? "  (overschreden)" : ""),
                line.cap(),
                line.requested(),
                line.reserved(),
                line.committed(),
                line.paid(),
                line.released(),
                line.available());
        types(pdf, line.byBudgetType());
        for (Statement.PaidInYear paid : line.paidByYear()) {
            pdf.text("    betaald in " + paid.year() + ": " + paid.amount().toPlainString());
        }
    }

    private static void types(Writer pdf, List<Statement.ByBudgetType> types) {
        for (Statement.ByBudgetType type : types) {
            pdf.row(
                    "  " + type.budget().name(),
                    null,
                    type.requested(),
                    type.reserved(),
                    type.committed(),
                    type.paid(),
                    type.released(),
                    null);
        }
    }

    /**
     * Lines of text on as many pages as they need, each page footed with its number and the chain position and hash
     * the statement was drawn at.
     */
    private static final class Writer implements AutoCloseable {
        private final PDDocument document = new PDDocument();
        private final String footer;
        private int pages;
        /** The headings of the table being written, repeated on a new page; null between tables. */
        private String header;

        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        private PDPageContentStream page;
        private float y;

        Writer(long position, String chainHead) {
            footer = "positie " + position + ", chainHead " + (chainHead == null ? "-" : chainHead);
        }

        void title(String title) {
            show(bold, 14, MARGIN, title);
            y -= 8;
        }

        void facts(String on, String asOf, long position, String chainHead) {
            text("Juridische peildatum (on): " + on);
            text("Stand van de registratie (asOf): " + (asOf == null ? "uit een export" : asOf));
            text("Positie in de keten van de laatste meegetelde gebeurtenis: " + position);
            text("Hash van die gebeurtenis (chainHead): " + (chainHead == null ? "-" : chainHead));
        }

        void text(String text) {
            show(regular, SIZE, MARGIN, text);
        }

        void gap() {
            y -= LEADING / 2;
        }

        void header(String label) {
            header = null;
            newPageIfNeeded();
            header = label;
            writeHeader(label);
        }

        private void writeHeader(String label) {
            write(bold, MARGIN, label);
            for (int i = 0; i < COLUMNS.length; i++) {
                writeRight(bold, MARGIN + LABEL_WIDTH + (i + 1) * AMOUNT_WIDTH, COLUMNS[i]);
            }
            y -= LEADING;
        }

        void row(String label, Money... amounts) {
            newPageIfNeeded();
            if (width(regular, label) > LABEL_WIDTH - 6) {
                // A label too wide for its column (a merged line's three budget types) stands on a line of its own.
                write(regular, MARGIN, label);
                y -= LEADING;
                newPageIfNeeded();
            } else {
                write(regular, MARGIN, label);
            }
            for (int i = 0; i < amounts.length; i++) {
                if (amounts[i] != null) {
                    writeRight(regular, MARGIN + LABEL_WIDTH + (i + 1) * AMOUNT_WIDTH, amounts[i].toPlainString());
                }
            }
            y -= LEADING;
        }

        private void show(PDType1Font font, float fontSize, float x, String text) {
            newPageIfNeeded();
            try {
                page.beginText();
                page.setFont(font, fontSize);
                page.newLineAtOffset(x, y);
                page.showText(text);
                page.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            y -= LEADING;
        }

        private void write(PDType1Font font, float x, String text) {
            try {
                page.beginText();
                page.setFont(font, SIZE);
                page.newLineAtOffset(x, y);
                page.showText(text);
                page.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeRight(PDType1Font font, float right, String text) {
            write(font, right - width(font, text), text);
        }

        private static float width(PDType1Font font, String text) {
            try {
                return font.getStringWidth(text) / 1000 * SIZE;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A new page when this one is full: footed, and with the column headings again if a table is running. */
        private void newPageIfNeeded() {
            if (page != null && y > MARGIN) {
                return;
            }
            try {
                if (page != null) {
                    page.close();
                }
                PDPage next = new PDPage(size);
                document.addPage(next);
                page = new PDPageContentStream(document, next);
                pages++;
                y = MARGIN / 2;
                write(regular, MARGIN, "Pagina " + pages + " - " + footer);
                y = size.getHeight() - MARGIN;
                if (header != null) {
                    writeHeader(header);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                if (page != null) {
                    page.close();
                    page = null;
                }
                document.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] finish(String title, long position, String chainHead) {
            try {
                if (page != null) {
                    page.close();
                    page = null;
                }
                PDDocumentInformation info = document.getDocumentInformation();
                info.setTitle(title);
                info.setCreator("kassier-ledger");
                info.setCustomMetadataValue("position", String.valueOf(position));
                info.setCustomMetadataValue("chainHead", chainHead == null ? "" : chainHead);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
