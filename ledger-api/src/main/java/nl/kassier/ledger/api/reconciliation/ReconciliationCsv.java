package nl.kassier.ledger.api.reconciliation;

import nl.kassier.ledger.api.web.Csv;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.reconciliation.ReconciliationReport;

/**
 * A report as CSV (RFC 4180) for a spreadsheet: a header, then one line per item with its {@code kind}. Amounts are
 * written as in JSON ({@code 1250.00}). A value that a spreadsheet would take for a formula is prefixed with a quote,
 * for an EndToEndId comes from the bank's file and may hold anything.
 */
final class ReconciliationCsv {

    static final String HEADER = "kind,paymentId,reservationId,entryReference,endToEndId,bankAmount,ledgerAmount,"
            + "difference,bookingDate,paymentDate,reason";

    private ReconciliationCsv() {}

    static String of(ReconciliationReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ReconciliationReport.Matched m : report.matched()) {
            line(
                    csv,
                    "MATCHED",
                    m.paymentId(),
                    m.reservationId(),
                    m.entryReference(),
                    m.paymentId(),
                    amount(m.amount()),
                    amount(m.amount()),
                    "0.00",
                    String.valueOf(m.bookingDate()),
                    null,
                    null);
        }
        for (ReconciliationReport.AmountDifference d : report.amountDifferences()) {
            line(
                    csv,
                    "AMOUNT_DIFFERENCE",
                    d.paymentId(),
                    d.reservationId(),
                    d.entryReference(),
                    d.paymentId(),
                    amount(d.bankAmount()),
                    amount(d.ledgerAmount()),
                    amount(d.difference()),
                    String.valueOf(d.bookingDate()),
                    null,
                    null);
        }
        for (ReconciliationReport.UnmatchedBank u : report.unmatchedBank()) {
            line(
                    csv,
                    "UNMATCHED_BANK",
                    null,
                    null,
                    u.entryReference(),
                    u.endToEndId(),
                    amount(u.amount()),
                    null,
                    null,
                    u.bookingDate() == null ? null : u.bookingDate().toString(),
                    null,
                    u.reason());
        }
        for (ReconciliationReport.UnmatchedLedger u : report.unmatchedLedger()) {
            line(
                    csv,
                    "UNMATCHED_LEDGER",
                    u.paymentId(),
                    u.reservationId(),
                    null,
                    null,
                    null,
                    amount(u.amount()),
                    null,
                    null,
                    u.date() == null ? null : u.date().toString(),
                    null);
        }
        return csv.toString();
    }

    private static String amount(Money money) {
        return Csv.amount(money);
    }

    private static void line(StringBuilder csv, String... values) {
        Csv.line(csv, values);
    }
}
