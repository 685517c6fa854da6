package nl.kassier.ledger.core.budget;

import java.util.List;

/** The answer to a reservation: its id, the status it started in, and warnings such as a guide price exceeded. */
public record ReservationReceipt(ReservationId id, ReservationStatus status, List<String> warnings) {

    public static final String ABOVE_GUIDE_PRICE = "ABOVE_GUIDE_PRICE";

    public ReservationReceipt {
        warnings = List.copyOf(warnings);
    }
}
