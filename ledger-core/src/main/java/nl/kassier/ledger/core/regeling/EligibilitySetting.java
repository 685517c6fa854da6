package nl.kassier.ledger.core.regeling;

import java.time.LocalDate;

/**
 * The target-group rules an amendment sets. While {@code covidReferenceDateRequired} holds, a candidate's job loss
 * (or threat of it) must lie on or after {@code covidReferenceDate}. Werkfitbehoud is always only for the doelgroep
 * banenafspraak.
 */
public record EligibilitySetting(boolean covidReferenceDateRequired, LocalDate covidReferenceDate) {

    public EligibilitySetting {
        if (covidReferenceDateRequired && covidReferenceDate == null) {
            throw new IllegalArgumentException("a required COVID reference date needs a date");
        }
    }
}
