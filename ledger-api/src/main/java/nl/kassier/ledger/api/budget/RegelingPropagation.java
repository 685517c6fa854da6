package nl.kassier.ledger.api.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.kassier.ledger.core.budget.AdoptAmendments;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Brings every published amendment to every budget it may concern: each region's budget for each year of the scheme
 * or with a cap. A budget receives the regeling's versions up to this one, each cut down to its region and year, and
 * adopts those it does not know yet; so a replay, a crash half-way or a budget created later all end in the same
 * state. The publishing request answers only after this processor has passed the amendment (read your writes).
 */
@Component
@ProcessingGroup(RegelingPropagation.PROCESSING_GROUP)
public class RegelingPropagation {

    public static final String PROCESSING_GROUP = "regeling-propagation";
    static final Actor ACTOR = Actor.system("regeling-propagation");

    private final CommandGateway commands;
    private final EventStore eventStore;

    public RegelingPropagation(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(AmendmentPublished event) {
        List<Amendment> history = historyUpTo(event.amendment().id());
        for (int year : budgetYears(history)) {
            for (Region region : Regions.all()) {
                List<Amendment> extracts = history.stream()
                        .map(a -> a.forBudget(region.code(), year))
                        .toList();
                commands.sendAndWait(AdoptAmendments.of(new BudgetId(region.code(), year), extracts, ACTOR));
            }
        }
    }

    /** The recorded versions of the regeling, in order, up to and including {@code amendmentId}. */
    private List<Amendment> historyUpTo(String amendmentId) {
        List<Amendment> history = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(Regeling.ID);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof AmendmentPublished published) {
                history.add(published.amendment());
                if (published.amendment().id().equals(amendmentId)) {
                    break;
                }
            }
        }
        return history;
    }

    /** The years of the scheme period as extended so far, and every year any version caps. */
    static Set<Integer> budgetYears(List<Amendment> history) {
        Set<Integer> years = new TreeSet<>();
        for (Amendment amendment : history) {
            years.addAll(amendment.capYears());
        }
        int first = history.stream()
                .map(a -> a.effectiveFrom().getYear())
                .min(Integer::compare)
                .orElse(0);
        int last = history.stream()
                .filter(a -> a.schemeEndsOn() != null)
                .map(a -> a.schemeEndsOn().getYear())
                .max(Integer::compare)
                .orElse(first);
        for (int year = first; year <= last && first > 0; year++) {
            years.add(year);
        }
        return years;
    }
}
