package nl.kassier.ledger.core.privacy;

import java.time.LocalDate;
import nl.kassier.ledger.core.shared.Description;

/**
 * What a reservation says about a person: the partner's pseudonym, the date the job was lost or first threatened,
 * membership of the doelgroep banenafspraak, and the free-text description. Every part may be absent (uitvoeringskosten
 * name no candidate). Never stored in the clear in an event: see {@link SealedPersonalData}.
 */
public record PersonalData(CandidateRef ref, LocalDate jobLossDate, Boolean jobAgreement, Description description) {

    public boolean isEmpty() {
        return ref == null && jobLossDate == null && jobAgreement == null && description == null;
    }
}
