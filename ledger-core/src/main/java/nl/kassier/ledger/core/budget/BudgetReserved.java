package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.serialization.Revision;

/**
 * An amount was set aside for one intervention for one candidate; from now on it counts against the cap line
 * {@code capLine}, whose allocation stood under amendment {@code allocationAmendmentId}. The candidate is named by
 * the ledger's id for them and their target group; what the reservation says about them as a person (pseudonym, job
 * loss date, banenafspraak, description) is {@code personal}, sealed under their key, absent when there is none.
 */
@Revision("2")
public record BudgetReserved(
        String budgetId,
        ReservationId reservationId,
        BudgetId budget,
        BudgetType budgetType,
        MenuItem menuItem,
        Money amount,
        CandidateId candidate,
        TargetGroup targetGroup,
        LocalDate date,
        SealedPersonalData personal,
        ReservationStatus status,
        List<BudgetType> capLine,
        String allocationAmendmentId,
        boolean aboveGuidePrice,
        String fingerprint,
        Actor actor)
        implements ReservationEvent {}
