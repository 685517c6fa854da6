package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/**
 * An amount was set aside for one intervention for one candidate; from now on it counts against the cap line
 * {@code capLine}, whose allocation stood under amendment {@code allocationAmendmentId}.
 */
@Revision("1")
public record BudgetReserved(
        String budgetId,
        ReservationId reservationId,
        BudgetId budget,
        BudgetType budgetType,
        MenuItem menuItem,
        Money amount,
        Candidate candidate,
        LocalDate date,
        Description description,
        ReservationStatus status,
        List<BudgetType> capLine,
        String allocationAmendmentId,
        boolean aboveGuidePrice,
        String fingerprint,
        Actor actor)
        implements ReservationEvent {

    /** The candidate's pseudonym, if the reservation names a candidate. */
    public CandidateRef candidateRef() {
        return candidate == null ? null : candidate.ref();
    }
}
