package nl.kassier.ledger.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import nl.kassier.ledger.core.budget.AmendmentAdopted;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.privacy.CandidateNames;
import nl.kassier.ledger.core.privacy.CandidateRef;
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
 *   <li><b>A reservation recorded before personal data was sealed</b> (revision 1 of {@link BudgetReserved}) names
 *       its candidate by the id the pseudonym gives today ({@link CandidateNames}), so that the menukaart maximum
 *       counts it, and holds its personal data as it was recorded: in the clear ({@link
 *       nl.kassier.ledger.core.privacy.SealedPersonalData#legacy}). Its fingerprint is read keyed, as today's are.
 * </ul>
 */
public final class EventUpcasters {

    private EventUpcasters() {}

    /** The chain the service reads with: {@code names} are the ledger's own (keyed by its secret). */
    public static EventUpcasterChain chain(CandidateNames names) {
        return new EventUpcasterChain(
                new StepDates(), new AmendmentsWithoutPaymentsEnd(), new ReservationsBeforeSealing(names));
    }

    /** Revision 1 of a reservation, personal data in the clear → revision 2, the clear data kept as recorded. */
    static final class ReservationsBeforeSealing extends SingleEventUpcaster {

        private static final String TYPE = BudgetReserved.class.getName();
        private final CandidateNames names;

        ReservationsBeforeSealing(CandidateNames names) {
            this.names = names;
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return "1".equals(event.getType().getRevision())
                    && TYPE.equals(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, stored -> {
                ObjectNode payload = (ObjectNode) stored;
                JsonNode candidate = payload.remove("candidate");
                JsonNode description = payload.remove("description");
                ObjectNode clear = payload.objectNode();
                if (candidate != null && candidate.isObject()) {
                    JsonNode ref = candidate.get("ref");
                    if (ref != null && ref.isTextual()) {
                        // A pseudonym today's rule refuses (a BSN, a name) is read as a keyed stand-in, which gives
                        // nothing of it back.
                        String recorded = ref.asText();
                        CandidateRef pseudonym = CandidateRef.problem(recorded).isEmpty()
                                ? new CandidateRef(recorded)
                                : names.standIn(recorded);
                        payload.put("candidate", names.candidateOf(pseudonym).value());
                        clear.put("ref", pseudonym.value());
                    }
                    copy(candidate, "targetGroup", payload);
                    copy(candidate, "jobLossDate", clear);
                    copy(candidate, "jobAgreement", clear);
                }
                if (description != null && !description.isNull()) {
                    clear.set("description", description);
                }
                if (!clear.isEmpty()) {
                    payload.putObject("personal").set("clear", clear);
                }
                JsonNode fingerprint = payload.get("fingerprint");
                if (fingerprint != null && fingerprint.isTextual()) {
                    payload.put("fingerprint", names.fingerprint(fingerprint.asText()));
                }
                return payload;
            });
        }

        private static void copy(JsonNode from, String field, ObjectNode to) {
            JsonNode value = from.get(field);
            if (value != null && !value.isNull()) {
                to.set(field, value);
            }
        }
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
