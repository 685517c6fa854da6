package nl.kassier.ledger.infra.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.kassier.ledger.core.budget.AmendmentAdopted;
import nl.kassier.ledger.core.budget.BudgetClosed;
import nl.kassier.ledger.core.budget.BudgetEvent;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetLineOverspent;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.BudgetSettled;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateErased;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.ErasureEvent;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.CreditDebit;
import nl.kassier.ledger.core.reconciliation.ReconciliationEvent;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.reconciliation.StatementImported;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingEvent;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.eventstore.EventUpcasters;
import nl.kassier.ledger.infra.privacy.OfflineCandidateNames;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events are forever: each event type's stored form at each revision is checked in as a golden JSON file
 * ({@code src/test/resources/events/<Type>-<revision>.json}). A sample event must serialise to its file and the file
 * must read back as the sample; renaming or retyping a record component breaks both, and a change to an event then
 * needs a new revision and an upcaster for the old one. Every permitted event type of every aggregate has a file.
 *
 * <p>{@code -Dgolden.write=true} writes the files of a new event type or revision (check them in after reading them).
 */
class EventGoldenFilesTest {

    private static final ObjectMapper STORAGE = LedgerObjectMappers.forStorage();
    private static final Path SOURCE = Path.of("src", "test", "resources", "events");

    private static final BudgetId BUDGET = new BudgetId(new RegionCode("rijnmond"), 2022);
    private static final ReservationId RESERVATION =
            ReservationId.of(BUDGET, UUID.fromString("6f1c3b0e-2a4d-4b8e-9c1a-0d2e3f405162"));
    private static final Actor COORDINATOR = new Actor("coord-rijnmond", "COORDINATOR", null);
    private static final Actor PARTNER = new Actor("fnv-rijnmond", "PARTNER", "FNV");
    private static final Actor KASSIER = new Actor("kassier", "KASSIER", "UWV");

    /** One sample of each event type, as realistic as the ledger records them. */
    static Map<Class<?>, Object> samples() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        Amendment amendment = new Amendment(
                "wijziging-3",
                "Wijziging van de Tijdelijke regeling (wijziging 3): budgetplafonds 2022",
                "Stcrt. 2021, 46691",
                LocalDate.of(2021, 11, 23),
                LocalDate.of(2022, 1, 1),
                LocalDate.of(2024, 12, 31),
                List.of(new CapSetting(2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("38604200.00"))),
                List.of(new AllocationSetting(
                        BUDGET.region(), 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00"))),
                List.of(
                        MenuSetting.maximum(MenuItem.SCHOLING, eur("5000.00")),
                        MenuSetting.guidePrice(MenuItem.MBO_DIPLOMA, eur("2050.00"))),
                new EligibilitySetting(true, LocalDate.of(2020, 3, 12)));
        samples.put(AmendmentPublished.class, new AmendmentPublished(Regeling.ID, amendment, "szw"));
        samples.put(
                AmendmentAdopted.class,
                new AmendmentAdopted(BUDGET.value(), BUDGET, amendment.forBudget(BUDGET.region(), 2022), COORDINATOR));
        samples.put(
                BudgetLineOverspent.class,
                new BudgetLineOverspent(
                        BUDGET.value(),
                        BUDGET,
                        List.of(BudgetType.PRAKTIJKLEREN),
                        eur("5500000.00"),
                        eur("6000000.00"),
                        "wijziging-2",
                        Actor.system("regeling-propagation")));
        samples.put(
                BudgetReserved.class,
                new BudgetReserved(
                        BUDGET.value(),
                        RESERVATION,
                        BUDGET,
                        BudgetType.AANVULLENDE_DIENSTVERLENING,
                        MenuItem.SCHOLING,
                        eur("2500.00"),
                        new CandidateId("9f86d081884c7d659a2feaa0c55ad015"),
                        TargetGroup.WW,
                        LocalDate.of(2022, 7, 1),
                        SealedPersonalData.sealed(
                                "3b7e1f4a-2c5d-4e6f-8a9b-0c1d2e3f4a5b", "q83vEjRWeJAAAAAAc2VhbGVkIHBlcnNvbmFsIGRhdGE="),
                        ReservationStatus.REQUESTED,
                        List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                        "wijziging-3",
                        false,
                        "5d41402abc4b2a76b9719d911017c592",
                        PARTNER));
        samples.put(
                CandidateErased.class,
                new CandidateErased(
                        "erasure_9f86d081884c7d659a2feaa0c55ad015",
                        new CandidateId("9f86d081884c7d659a2feaa0c55ad015"),
                        1,
                        new Reason("verzoek tot verwijdering (AVG art. 17), dossier 2025-014"),
                        new Actor("szw-auditor", "SZW", "SZW")));
        samples.put(
                ReservationApproved.class,
                new ReservationApproved(
                        BUDGET.value(), RESERVATION, eur("2500.00"), LocalDate.of(2022, 7, 4), COORDINATOR));
        samples.put(
                ReservationRejected.class,
                new ReservationRejected(
                        BUDGET.value(),
                        RESERVATION,
                        eur("2500.00"),
                        new Reason("past niet in het plan"),
                        LocalDate.of(2022, 7, 4),
                        COORDINATOR));
        samples.put(
                ReservationCommitted.class,
                new ReservationCommitted(
                        BUDGET.value(),
                        RESERVATION,
                        eur("2300.00"),
                        eur("200.00"),
                        new Reference("opdracht-17"),
                        LocalDate.of(2022, 7, 4),
                        PARTNER));
        samples.put(
                PaymentRegistered.class,
                new PaymentRegistered(
                        BUDGET.value(),
                        RESERVATION,
                        new PaymentId("PAY-0001"),
                        eur("1000.00"),
                        LocalDate.of(2022, 8, 1),
                        new Reference("F-2022/0815"),
                        "betaling-1",
                        "7d793037a0760186574b0282f2f435e7",
                        ReservationStatus.PARTIALLY_PAID,
                        KASSIER));
        samples.put(
                ReservationReleased.class,
                new ReservationReleased(
                        BUDGET.value(),
                        RESERVATION,
                        eur("1300.00"),
                        new Reason("traject gestopt"),
                        ReservationStatus.CLOSED,
                        LocalDate.of(2022, 7, 4),
                        PARTNER));
        samples.put(
                PaymentSettled.class,
                new PaymentSettled(
                        BUDGET.value(),
                        RESERVATION,
                        new PaymentId("PAY-0001"),
                        eur("1000.00"),
                        "statement_NL20INGB0001234567_2022-08-12",
                        "2022-08-12",
                        "2022081200042",
                        LocalDate.of(2022, 8, 12),
                        KASSIER));
        samples.put(
                PaymentDiscrepancyFound.class,
                new PaymentDiscrepancyFound(
                        BUDGET.value(),
                        RESERVATION,
                        new PaymentId("PAY-0001"),
                        eur("1000.01"),
                        eur("1000.00"),
                        "statement_NL20INGB0001234567_2022-08-12",
                        "2022-08-12",
                        "2022081200042",
                        LocalDate.of(2022, 8, 12),
                        KASSIER));
        samples.put(
                BudgetClosed.class,
                new BudgetClosed(
                        BUDGET.value(),
                        BUDGET,
                        LocalDate.of(2025, 3, 31),
                        new Reason("jaar 2022 afgesloten"),
                        KASSIER));
        samples.put(
                BudgetSettled.class,
                new BudgetSettled(
                        BUDGET.value(),
                        BUDGET,
                        LocalDate.of(2025, 6, 30),
                        new Reason("vastgesteld"),
                        new Actor("szw", "SZW", "SZW")));
        BankStatement statement = new BankStatement(
                "2022-08-12",
                "NL20INGB0001234567",
                LocalDate.of(2022, 8, 13),
                List.of(new StatementEntry(
                        "2022081200042",
                        "PAY-0001",
                        eur("1000.00"),
                        CreditDebit.DEBIT,
                        LocalDate.of(2022, 8, 12),
                        true)));
        samples.put(
                StatementImported.class,
                new StatementImported(
                        statement.reconciliationId().value(),
                        statement,
                        statement.fingerprint(),
                        new ReconciliationOutcome(
                                List.of(new ReconciliationOutcome.Matched(
                                        "PAY-0001",
                                        RESERVATION,
                                        "2022081200042",
                                        eur("1000.00"),
                                        LocalDate.of(2022, 8, 12))),
                                List.of(),
                                List.of(new ReconciliationOutcome.UnmatchedEntry(
                                        "2022081200043",
                                        null,
                                        eur("12.00"),
                                        LocalDate.of(2022, 8, 12),
                                        ReconciliationOutcome.Reason.NO_END_TO_END_ID)),
                                List.of(new ReconciliationOutcome.UnmatchedPayment(
                                        "PAY-0002", RESERVATION, eur("50.00"), LocalDate.of(2022, 8, 1)))),
                        KASSIER));
        return samples;
    }

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    /** Every concrete event type the aggregates' sealed event types permit. */
    static List<Class<?>> eventTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> root :
                List.of(BudgetEvent.class, RegelingEvent.class, ReconciliationEvent.class, ErasureEvent.class)) {
            collect(root, types);
        }
        return types;
    }

    private static void collect(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, into);
            }
        } else {
            into.add(type);
        }
    }

    static Stream<Class<?>> everyEventType() {
        return eventTypes().stream();
    }

    private static String fileName(Class<?> type) {
        return type.getSimpleName() + "-" + type.getAnnotation(Revision.class).value() + ".json";
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(eventTypes());
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void anEventIsStoredAsItsGoldenFileSaysAndReadBackFromIt(Class<?> type) throws IOException {
        Object sample = samples().get(type);
        JsonNode written = STORAGE.readTree(STORAGE.writeValueAsString(sample));
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(SOURCE);
            Files.writeString(
                    SOURCE.resolve(fileName(type)),
                    STORAGE.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(written) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/events/" + fileName(type))) {
            assertThat(in).as("the golden file events/%s", fileName(type)).isNotNull();
            golden = STORAGE.readTree(in);
        }

        assertThat(written).as("%s as it is stored now", type.getSimpleName()).isEqualTo(golden);
        assertThat(STORAGE.treeToValue(golden, type)).isEqualTo(sample);
    }

    /** Files of an earlier revision than the type's own: each must still be read, through the upcasters. */
    static Stream<Path> earlierRevisions() throws IOException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            return files
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        Class<?> type = typeNamed(name.substring(0, name.lastIndexOf('-')));
                        return !name.equals(fileName(type));
                    })
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static Class<?> typeNamed(String simpleName) {
        return eventTypes().stream()
                .filter(type -> type.getSimpleName().equals(simpleName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event type " + simpleName));
    }

    /** A row of the event table, as the storage engine hands it to the upcasters. */
    private record StoredEvent(Instant timestamp, SerializedObject<byte[]> payload) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return "Budget";
        }

        @Override
        public String getAggregateIdentifier() {
            return BUDGET.value();
        }

        @Override
        public long getSequenceNumber() {
            return 3;
        }

        @Override
        public String getEventIdentifier() {
            return "6b0f4a52-9d1e-4c27-8f0a-3c2d1e0f9a18";
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SimpleSerializedObject<>(
                    "{}".getBytes(StandardCharsets.UTF_8), byte[].class, MetaData.class.getName(), null);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return payload;
        }
    }

    /**
     * An event stored in an earlier form reads, through {@link EventUpcasters}, as today's sample, except for what
     * the earlier form did not hold: a step then recorded carries the day it was recorded as its legal date, and an
     * amendment then published sets no end to the payments (the samples set none either).
     */
    @ParameterizedTest
    @MethodSource("earlierRevisions")
    void anEventOfAnEarlierRevisionIsReadAsTodaysForm(Path file) throws IOException {
        String name = file.getFileName().toString();
        Class<?> type = typeNamed(name.substring(0, name.lastIndexOf('-')));
        String revision = name.substring(name.lastIndexOf('-') + 1, name.length() - ".json".length());
        Instant recorded = Instant.parse("2022-07-04T21:30:00Z");
        DomainEventData<byte[]> stored = new StoredEvent(
                recorded,
                new SimpleSerializedObject<>(Files.readAllBytes(file), byte[].class, type.getName(), revision));
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(STORAGE).build();

        List<IntermediateEventRepresentation> upcast = EventUpcasters.chain(OfflineCandidateNames.INSTANCE)
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
                .toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision())
                .as("read as the revision the type has now")
                .isEqualTo(type.getAnnotation(Revision.class).value());
        Object read = serializer.deserialize(upcast.get(0).getData());
        // Recorded at 23:30 in Amsterdam on 4 July 2022: the samples' steps are dated that day.
        assertThat(read).isEqualTo(earlierForm(name).orElse(samples().get(type)));
    }

    /**
     * What a file of an earlier revision reads as where that is not the sample: a reservation recorded before personal
     * data was sealed keeps its data in the clear, names its candidate by the pseudonym's id and its fingerprint keyed.
     */
    private static java.util.Optional<Object> earlierForm(String file) {
        if (!file.equals("BudgetReserved-1.json")) {
            return java.util.Optional.empty();
        }
        BudgetReserved today = (BudgetReserved) samples().get(BudgetReserved.class);
        CandidateRef ref = new CandidateRef("pseudonym-123");
        return java.util.Optional.of(new BudgetReserved(
                today.budgetId(),
                today.reservationId(),
                today.budget(),
                today.budgetType(),
                today.menuItem(),
                today.amount(),
                OfflineCandidateNames.INSTANCE.candidateOf(ref),
                TargetGroup.WW,
                today.date(),
                SealedPersonalData.legacy(new PersonalData(
                        ref, LocalDate.of(2021, 1, 15), false, new Description("scholing tot heftruckchauffeur"))),
                today.status(),
                today.capLine(),
                today.allocationAmendmentId(),
                today.aboveGuidePrice(),
                OfflineCandidateNames.INSTANCE.fingerprint("5d41402abc4b2a76b9719d911017c592"),
                today.actor()));
    }
}
