package nl.kassier.ledger.api.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.monitor.Monitor;

/**
 * How the dashboard writes the ledger's values for Dutch readers: amounts as {@code € 1.234,56} from the same cents
 * the API answers with, dates as {@code 23 november 2021}, and the ledger's names in the regeling's words.
 */
final class Weergave {

    private static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", NL).withZone(LegalDates.ZONE);

    private static final Map<BudgetType, String> BUDGETS = Map.of(
            BudgetType.AANVULLENDE_DIENSTVERLENING, "Aanvullende dienstverlening",
            BudgetType.PRAKTIJKLEREN, "Praktijkleren in het mbo",
            BudgetType.WERKFITBEHOUD, "Werkfitbehoud",
            BudgetType.UITVOERINGSKOSTEN, "Uitvoeringskosten");

    private static final Map<ReservationStatus, String> STATUSES = Map.of(
            ReservationStatus.REQUESTED, "Aangevraagd",
            ReservationStatus.RESERVED, "Gereserveerd",
            ReservationStatus.COMMITTED, "Verplicht",
            ReservationStatus.PARTIALLY_PAID, "Deels betaald",
            ReservationStatus.PAID, "Betaald",
            ReservationStatus.REJECTED, "Afgewezen",
            ReservationStatus.RELEASED, "Vrijgevallen",
            ReservationStatus.CLOSED, "Afgesloten");

    private Weergave() {}

    /** {@code € 1.234,56}, {@code -€ 50,00}: every cent shown, the groups of thousands split by a point. */
    static String euro(Money amount) {
        long cents = amount.cents();
        String digits = Long.toString(Math.abs(cents));
        if (digits.length() < 3) {
            digits = "0".repeat(3 - digits.length()) + digits;
        }
        String euros = digits.substring(0, digits.length() - 2);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < euros.length(); i++) {
            if (i > 0 && (euros.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(euros.charAt(i));
        }
        return (cents < 0 ? "-" : "") + "€\u00a0" + grouped + "," + digits.substring(digits.length() - 2);
    }

    /**
     * The share {@code part} is of {@code whole}, as {@code 42,5 %}, by the monitor's rule ({@link Monitor#percentage},
     * exact from the cents); a dash when there is no whole.
     */
    static String percentage(Money part, Money whole) {
        String share = Monitor.percentage(part, whole);
        return share == null ? "–" : share.replace('.', ',') + "\u00a0%";
    }

    static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    static String instant(Instant instant) {
        return instant == null ? "" : INSTANT.format(instant);
    }

    /** A cap line's name: its budget types, {@code Aanvullende dienstverlening + Werkfitbehoud} when merged. */
    static String line(List<BudgetType> budgets) {
        return budgets.stream().map(Weergave::budget).collect(Collectors.joining(" + "));
    }

    /** A cap line's key, as the API names its budgets: {@code AANVULLENDE_DIENSTVERLENING+WERKFITBEHOUD}. */
    static String lineKey(List<BudgetType> budgets) {
        return budgets.stream().map(Enum::name).collect(Collectors.joining("+"));
    }

    static String budget(BudgetType budget) {
        return BUDGETS.get(budget);
    }

    static String status(ReservationStatus status) {
        return STATUSES.get(status);
    }

    static String status(BudgetStatus status) {
        return switch (status) {
            case OPEN -> "Open";
            case CLOSED -> "Gesloten";
            case SETTLED -> "Vastgesteld";
        };
    }

    /** An enum name of the menukaart or a target group as words: {@code MATCHING} → {@code Matching}. */
    static String words(Enum<?> name) {
        String words = name.name().toLowerCase(NL).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String month(int month) {
        return java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, NL);
    }

    /** Why a step was refused, in Dutch, with the ledger's own detail after it. */
    static String refusal(LedgerErrorCode code, String detail) {
        String why =
                switch (code) {
                    case CAP_EXCEEDED -> "Het budgetplafond laat dit niet toe";
                    case INVALID_STATE -> "Deze stap past niet bij de stand van de reservering of het budget";
                    case DATE_OUT_OF_ORDER -> "De datum ligt vóór de vorige stap of in de toekomst";
                    case OUTSIDE_SCHEME -> "Deze datum valt buiten de regeling";
                    case NOT_FOUND -> "Niet gevonden";
                    case FORBIDDEN -> "Uw rol of regio staat dit niet toe";
                    case VALIDATION_FAILED -> "De invoer is niet geldig";
                    default -> "Geweigerd";
                };
        return why + " (" + code + ": " + detail + ").";
    }

    /**
     * The segments of a horizontal bar for a line: paid, committed, reserved, requested, then what is available, each
     * as a share of the larger of the cap and what is used, so that an overspent line shows its excess beyond the cap.
     */
    static List<Segment> bar(Money cap, Money paid, Money committed, Money reserved, Money requested, Money available) {
        return bar(cap, paid, committed, reserved, requested, available, Money.ZERO);
    }

    /**
     * The same, nationally: what the regions have available of their allocations, then what the national cap has not
     * allocated to any region ({@code unallocated}).
     */
    static List<Segment> bar(
            Money cap,
            Money paid,
            Money committed,
            Money reserved,
            Money requested,
            Money available,
            Money unallocated) {
        long used = used(paid, committed, reserved, requested).cents();
        long whole = Math.max(Math.max(cap.cents(), used), 1);
        List<Segment> segments = new ArrayList<>();
        double[] x = {0};
        java.util.function.BiConsumer<String, Long> add = (kind, cents) -> {
            if (cents > 0) {
                double width = 100.0 * cents / whole;
                segments.add(new Segment(kind, round(x[0]), round(width)));
                x[0] += width;
            }
        };
        add.accept("betaald", paid.cents());
        add.accept("verplicht", committed.cents());
        add.accept("gereserveerd", reserved.cents());
        add.accept("aangevraagd", requested.cents());
        add.accept("beschikbaar", Math.max(available.cents(), 0));
        add.accept("niet-toegekend", Math.max(unallocated.cents(), 0));
        return segments;
    }

    /** Where the cap lies on a bar of an overspent line, in per cent of its length. */
    static double capMark(Money cap, Money paid, Money committed, Money reserved, Money requested) {
        long used = used(paid, committed, reserved, requested).cents();
        long whole = Math.max(Math.max(cap.cents(), used), 1);
        return round(100.0 * cap.cents() / whole);
    }

    /** What a line draws on its cap: paid, committed, reserved and requested together. */
    static Money used(Money paid, Money committed, Money reserved, Money requested) {
        return Money.ofCents(paid.cents() + committed.cents() + reserved.cents() + requested.cents());
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }

    /** One part of a bar: its kind (a CSS class and legend entry), where it starts and how wide it is, in per cent. */
    record Segment(String kind, double x, double width) {}
}
