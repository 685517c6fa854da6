package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.Objects;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.shared.LegalDates;

/**
 * The candidate an intervention is for, as far as the ledger needs to know: a pseudonym from the partner (never a BSN
 * or name), the target group, the date the job was lost or first threatened, and whether the candidate belongs to the
 * doelgroep banenafspraak.
 */
public record Candidate(CandidateRef ref, TargetGroup targetGroup, LocalDate jobLossDate, boolean jobAgreement) {

    public Candidate {
        Objects.requireNonNull(ref, "ref");
        LegalDates.requireInRange(jobLossDate, "the job loss date");
    }
}
