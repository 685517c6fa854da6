package nl.kassier.ledger.api.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.kassier.ledger.core.shared.Money;
import org.springframework.http.MediaType;

/**
 * CSV (RFC 4180) for a spreadsheet: lines ending in CRLF, a cell quoted where it holds a comma, a quote or a line
 * break, and a value a spreadsheet would take for a formula prefixed with a quote (an amount such as {@code -0.01}
 * stays a number). Amounts are written as in JSON ({@code 1250.00}).
 */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {}

    /** Appends one line of {@code values} ({@code null}: an empty cell). */
    public static void line(StringBuilder csv, String... values) {
        csv.append(String.join(",", Arrays.stream(values).map(Csv::cell).toList()))
                .append("\r\n");
    }

    public static String amount(Money money) {
        return money == null ? null : money.toPlainString();
    }

    public static String cell(String value) {
        if (value == null || "null".equals(value)) {
            return "";
        }
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0 && !Money.isWireForm(safe)) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
