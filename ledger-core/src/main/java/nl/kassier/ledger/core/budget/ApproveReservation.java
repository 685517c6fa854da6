package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coördinator consents (instemming) to a requested reservation, on {@code date}. */
public record ApproveReservation(
        @TargetAggregateIdentifier String budgetId, ReservationId reservationId, LocalDate date, Actor actor) {

    public ApproveReservation {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of an approval");
    }

    public static ApproveReservation of(ReservationId id, LocalDate date, Actor actor) {
        return new ApproveReservation(id.budget().value(), id, date, actor);
    }
}
