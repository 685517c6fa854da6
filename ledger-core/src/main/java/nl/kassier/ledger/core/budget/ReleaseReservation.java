package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Frees what a reservation has not paid (vrijval), from {@code date}. */
public record ReleaseReservation(
        @TargetAggregateIdentifier String budgetId,
        ReservationId reservationId,
        Reason reason,
        LocalDate date,
        Actor actor) {

    public ReleaseReservation {
        Objects.requireNonNull(date, "date");
        LegalDates.requireInRange(date, "the date of a release");
    }

    public static ReleaseReservation of(ReservationId id, Reason reason, LocalDate date, Actor actor) {
        return new ReleaseReservation(id.budget().value(), id, reason, date, actor);
    }
}
