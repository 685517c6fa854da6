package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coördinator refuses a requested reservation, on {@code date}. */
public record RejectReservation(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        Reason reason,
        LocalDate date,
        Actor actor) {

    public RejectReservation {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a rejection");
    }

    public static RejectReservation of(ReservationId id, Reason reason, LocalDate date, Actor actor) {
        return new RejectReservation(id.budget().value(), id, reason, date, actor);
    }
}
