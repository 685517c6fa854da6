package nl.kassier.ledger.projections.asof;

import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import org.axonframework.eventhandling.DomainEventMessage;

/** The regeling as its events leave it: every amendment published, in order. */
public final class RegelingReplay {

    private RegelingReplay() {}

    public static RegelingHistory of(List<DomainEventMessage<?>> events) {
        List<Amendment> amendments = new ArrayList<>();
        for (DomainEventMessage<?> message : events) {
            if (message.getPayload() instanceof AmendmentPublished published) {
                amendments.add(published.amendment());
            }
        }
        return RegelingHistory.of(amendments);
    }
}
