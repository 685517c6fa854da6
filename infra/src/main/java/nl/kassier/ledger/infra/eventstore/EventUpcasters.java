package nl.kassier.ledger.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import nl.kassier.ledger.core.budget.AmendmentAdopted;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.shared.LegalDates;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads events recorded in an earlier form as events of today's form; the stored events are never changed. Every
 * reader of the event store goes through this chain: the aggregates, the read models and the replay as of an instant.
 *
 * <ul>
 *   <li><b>A step recorded without its legal date</b> (revision 1 of an approval, a rejection, a commitment or a
 *       release) is read with the date it was recorded, in Amsterdam: the ledger knew of the step from that day,
 *       and cannot know an earlier one.
 *   <li><b>An amendment recorded before amendments could end the payments</b> (revision 1 of its publication and of
 *       its adoption by a budget) sets no such end.
 * </ul>
 */
public final class EventUpcasters {

    private EventUpcasters() {}

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new StepDates(), new AmendmentsWithoutPaymentsEnd());
    }

    /** Revision 1 of a step without a date → revision 2 dated the day it was recorded. */
    static final class StepDates extends SingleEventUpcaster {

        private static final Map<String, String> FROM_REVISION_1 = Map.of(
                ReservationApproved.class.getName(), "2",
                ReservationRejected.class.getName(), "2",
                ReservationCommitted.class.getName(), "2",
                ReservationReleased.class.getName(), "2");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return "1".equals(event.getType().getRevision())
                    && FROM_REVISION_1.containsKey(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            String type = event.getType().getName();
            LocalDate recordedOn = LocalDate.ofInstant(event.getTimestamp(), LegalDates.ZONE);
            return event.upcastPayload(
                    new SimpleSerializedType(type, FROM_REVISION_1.get(type)), JsonNode.class, payload -> {
                        ((ObjectNode) payload).put("date", recordedOn.toString());
                        return payload;
                    });
        }
    }

    /** Revision 1 of an amendment's publication or adoption → revision 2, unchanged: no payments' end. */
    static final class AmendmentsWithoutPaymentsEnd extends SingleEventUpcaster {

        private static final Map<String, String> FROM_REVISION_1 = Map.of(
                AmendmentPublished.class.getName(), "2",
                AmendmentAdopted.class.getName(), "2");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return "1".equals(event.getType().getRevision())
                    && FROM_REVISION_1.containsKey(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            String type = event.getType().getName();
            return event.upcastPayload(
                    new SimpleSerializedType(type, FROM_REVISION_1.get(type)), JsonNode.class, payload -> payload);
        }
    }
}
