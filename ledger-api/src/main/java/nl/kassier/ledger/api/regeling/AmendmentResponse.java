package nl.kassier.ledger.api.regeling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.projections.amendment.RecordedAmendment;

/** An amendment as {@code GET /amendments} shows it, with the instant the ledger recorded it. */
public record AmendmentResponse(
        String id,
        String title,
        String gazette,
        LocalDate publishedOn,
        LocalDate effectiveFrom,
        LocalDate schemeEndsOn,
        Instant recordedAt,
        String recordedBy,
        List<CapSetting> caps,
        List<AllocationSetting> allocations,
        List<MenuSetting> menu,
        EligibilitySetting eligibility) {

    static AmendmentResponse of(RecordedAmendment recorded) {
        Amendment a = recorded.amendment();
        return new AmendmentResponse(
                a.id(),
                a.title(),
                a.gazette(),
                a.publishedOn(),
                a.effectiveFrom(),
                a.schemeEndsOn(),
                recorded.recordedAt(),
                recorded.actor(),
                a.caps(),
                a.allocations(),
                a.menu(),
                a.eligibility());
    }
}
