package nl.kassier.ledger.infra.json;

import static nl.kassier.ledger.core.shared.BudgetType.AANVULLENDE_DIENSTVERLENING;
import static nl.kassier.ledger.core.shared.BudgetType.PRAKTIJKLEREN;
import static nl.kassier.ledger.core.shared.BudgetType.UITVOERINGSKOSTEN;
import static nl.kassier.ledger.core.shared.BudgetType.WERKFITBEHOUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.json.LedgerJsonModule.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerJsonModuleTest {

    /** The most cents the wire form can carry: sixteen digits of euros and two of cents. */
    private static final long WIRE_FORM_CENTS_MAX = 999_999_999_999_999_999L;

    /** The mapper the event store uses, and one that knows nothing but the ledger's value types. */
    static Stream<ObjectMapper> mappers() {
        return Stream.of(LedgerObjectMappers.forStorage(), wire());
    }

    /** A mapper that reads as requests are read: strict. */
    private static ObjectMapper wire() {
        return new ObjectMapper().registerModule(LedgerJsonModule.forWire());
    }

    /** A JSON string of {@code text}, escaped as JSON escapes it. */
    private static String json(String text) throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(text);
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void writesAnAmountAsADecimalString(ObjectMapper mapper) throws JsonProcessingException {
        assertThat(mapper.writeValueAsString(Money.parse("1250.00"))).isEqualTo("\"1250.00\"");
        assertThat(mapper.writeValueAsString(Money.parse("-12.50"))).isEqualTo("\"-12.50\"");
        assertThat(mapper.writeValueAsString(Money.ofCents(1))).isEqualTo("\"0.01\"");
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void readsAnAmountWithExactlyTwoDecimals(ObjectMapper mapper) throws JsonProcessingException {
        assertThat(mapper.readValue("\"12.50\"", Money.class)).isEqualTo(Money.ofCents(1250));
        assertThat(mapper.readValue("\"-12.50\"", Money.class)).isEqualTo(Money.ofCents(-1250));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void refusesAnAmountAsAJsonNumber(ObjectMapper mapper) {
        assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> mapper.readValue("1250", Money.class));
        assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> mapper.readValue("1250.00", Money.class));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void refusesAnAmountStringWithoutExactlyTwoDecimals(ObjectMapper mapper) {
        for (String text : List.of("\"12.5\"", "\"12\"", "\"12.500\"", "\"+12.50\"", "\"1e3\"", "\"\"")) {
            assertThatExceptionOfType(MismatchedInputException.class)
                    .as(text)
                    .isThrownBy(() -> mapper.readValue(text, Money.class));
        }
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void refusesAnAmountAsAnObjectOrBoolean(ObjectMapper mapper) {
        assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> mapper.readValue("{\"cents\":125000}", Money.class));
        assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> mapper.readValue("true", Money.class));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void writesAndReadsARegionAsItsCode(ObjectMapper mapper) throws JsonProcessingException {
        RegionCode rijnmond = new RegionCode("rijnmond");

        String json = mapper.writeValueAsString(rijnmond);

        assertThat(json).isEqualTo("\"rijnmond\"");
        assertThat(mapper.readValue(json, RegionCode.class)).isEqualTo(rijnmond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Rijnmond\"", "\"rijn mond\"", "\"\"", "42", "{\"value\":\"rijnmond\"}"})
    void refusesWhatIsNotARegionCode(String json) {
        mappers().forEach(mapper -> assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> mapper.readValue(json, RegionCode.class)));
    }

    @Property
    void readsBackAnyAmountItWrites(
            @ForAll @LongRange(min = -WIRE_FORM_CENTS_MAX, max = WIRE_FORM_CENTS_MAX) long cents)
            throws JsonProcessingException {
        Money money = Money.ofCents(cents);

        for (ObjectMapper mapper : mappers().toList()) {
            String json = mapper.writeValueAsString(money);

            assertThat(json).isEqualTo("\"" + money.toPlainString() + "\"");
            assertThat(mapper.readValue(json, Money.class)).isEqualTo(money);
        }
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void writesAndReadsTheTextValueTypesAsTheirText(ObjectMapper mapper) throws JsonProcessingException {
        assertThat(mapper.writeValueAsString(new CandidateRef("pseudonym-1"))).isEqualTo("\"pseudonym-1\"");
        assertThat(mapper.readValue("\"pseudonym-1\"", CandidateRef.class)).isEqualTo(new CandidateRef("pseudonym-1"));
        assertThat(mapper.writeValueAsString(new PaymentId("PAY-1"))).isEqualTo("\"PAY-1\"");
        assertThat(mapper.readValue("\"PAY-1\"", PaymentId.class)).isEqualTo(new PaymentId("PAY-1"));
        assertThat(mapper.writeValueAsString(new Reason("geen plek"))).isEqualTo("\"geen plek\"");
        assertThat(mapper.readValue("\"geen plek\"", Reason.class)).isEqualTo(new Reason("geen plek"));
        assertThat(mapper.readValue("\"opdracht\"", Reference.class)).isEqualTo(new Reference("opdracht"));
        assertThat(mapper.readValue("\"scholing\"", Description.class)).isEqualTo(new Description("scholing"));
        assertThat(mapper.readValue("\"2000-01-01\"", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(mapper.readValue("\"2100-12-31\"", LocalDate.class)).isEqualTo(LocalDate.of(2100, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01", "1999-12-31", "2101-01-01", "9999-12-31"})
    void refusesOnTheWireADateOutsideTheCalendar(String date) {
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue("\"" + date + "\"", LocalDate.class))
                .withMessageContaining("2000-01-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "c:1", "-abc", "123456782", "12345672"})
    void refusesOnTheWireACandidateRefItsTypeRefuses(String ref) {
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json(ref), CandidateRef.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nee\u0000", "nee\u001F", "\u007Fnee", "n\u009Fee", "nee\uD83D", "", "   "})
    void refusesOnTheWireAReasonItsTypeRefuses(String reason) {
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json(reason), Reason.class));
    }

    @Test
    void refusesOnTheWireTextLongerThanItsTypeTakes() throws JsonProcessingException {
        assertThat(wire().readValue(json("a".repeat(64)), CandidateRef.class).value())
                .hasSize(64);
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json("a".repeat(65)), CandidateRef.class));
        assertThat(wire().readValue(json("r".repeat(500)), Reason.class).value())
                .hasSize(500);
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json("r".repeat(501)), Reason.class));
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json("r".repeat(129)), Reference.class));
    }

    @Test
    void namesWhatIsWrongWhenRefusingOnTheWire() {
        assertThatExceptionOfType(InvalidValueException.class)
                .isThrownBy(() -> wire().readValue(json("123456782"), CandidateRef.class))
                .withMessageContaining("BSN")
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("123456782"))
                .satisfies(e -> assertThat(e.getTargetType()).isEqualTo(CandidateRef.class));
    }

    @Test
    void readsAStoredDateOutsideTheCalendarMovedIntoIt() throws JsonProcessingException {
        ObjectMapper storage = LedgerObjectMappers.forStorage();

        assertThat(storage.readValue("\"0000-01-01\"", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(storage.readValue("\"1999-12-31\"", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(storage.readValue("\"9999-12-31\"", LocalDate.class)).isEqualTo(LocalDate.of(2100, 12, 31));
        assertThat(storage.readValue("\"2022-07-01\"", LocalDate.class)).isEqualTo(LocalDate.of(2022, 7, 1));
    }

    @Test
    void readsAStoredReasonWithAControlCharacterRepaired() throws JsonProcessingException {
        ObjectMapper storage = LedgerObjectMappers.forStorage();

        assertThat(storage.readValue(json("nee\u0000"), Reason.class)).isEqualTo(new Reason("nee\uFFFD"));
        assertThat(storage.readValue(json("  "), Reason.class)).isEqualTo(new Reason("\uFFFD"));
        assertThat(storage.readValue(json("r".repeat(501)), Reason.class).value())
                .hasSize(500)
                .endsWith("…");
        assertThat(storage.readValue(json("a\uD83Db"), Reference.class)).isEqualTo(new Reference("a\uFFFDb"));
        assertThat(storage.readValue(json("voor\u0000scholing"), Description.class))
                .isEqualTo(new Description("voor\uFFFDscholing"));
    }

    @Test
    void readsAStoredCandidateRefItsTypeRefusesAsALegacyRef() throws JsonProcessingException {
        ObjectMapper storage = LedgerObjectMappers.forStorage();
        String tooLong = "a".repeat(65);

        CandidateRef read = storage.readValue(json(tooLong), CandidateRef.class);

        assertThat(read.value()).matches("legacy-[0-9a-f]{16}");
        assertThat(read).isEqualTo(CandidateRef.repaired(tooLong));
        assertThat(storage.readValue(json("123456782"), CandidateRef.class).value())
                .startsWith("legacy-");
        assertThat(storage.readValue(json("c:1"), CandidateRef.class).value()).startsWith("legacy-");
        assertThat(storage.readValue(json("pseudonym-1"), CandidateRef.class))
                .isEqualTo(new CandidateRef("pseudonym-1"));
    }

    @Test
    void replaysAStoredEventWhoseValuesAnEarlierRuleLetIn() throws JsonProcessingException {
        ObjectMapper storage = LedgerObjectMappers.forStorage();
        BudgetId budget = new BudgetId(new RegionCode("rijnmond"), 2022);
        ReservationId reservation = ReservationId.of(budget, new UUID(0, 1));
        Actor partner = new Actor("fnv-rijnmond", "PARTNER", "FNV");
        BudgetReserved event = new BudgetReserved(
                budget.value(),
                reservation,
                budget,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.SCHOLING,
                Money.parse("2500.00"),
                new CandidateId("0123456789abcdef0123456789abcdef"),
                TargetGroup.WW,
                LocalDate.of(2022, 7, 1),
                SealedPersonalData.legacy(new PersonalData(
                        new CandidateRef("pseudonym-1"),
                        LocalDate.of(2021, 1, 15),
                        false,
                        new Description("scholing"))),
                ReservationStatus.REQUESTED,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                "start",
                false,
                "f",
                partner);
        ObjectNode stored = (ObjectNode) storage.readTree(storage.writeValueAsString(event));
        ObjectNode clear = (ObjectNode) stored.get("personal").get("clear");
        clear.put("ref", "a".repeat(65)).put("jobLossDate", "0000-01-01");
        clear.put("description", "voor\u0000scholing");
        ((ObjectNode) stored.get("actor")).put("username", "fnv\u001Frijnmond");

        BudgetReserved read = storage.readValue(storage.writeValueAsString(stored), BudgetReserved.class);

        PersonalData personal = read.personal().clear();
        assertThat(personal.ref()).isEqualTo(CandidateRef.repaired("a".repeat(65)));
        assertThat(personal.jobLossDate()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(personal.description()).isEqualTo(new Description("voor\uFFFDscholing"));
        assertThat(read.actor()).isEqualTo(new Actor("fnv\uFFFDrijnmond", "PARTNER", "FNV"));
        assertThat(read.amount()).isEqualTo(event.amount());
        assertThat(read.reservationId()).isEqualTo(reservation);
    }

    @Test
    void replaysAStoredRejectionWhoseReasonHasAControlCharacter() throws JsonProcessingException {
        ObjectMapper storage = LedgerObjectMappers.forStorage();
        ReservationId reservation = ReservationId.of(new BudgetId(new RegionCode("rijnmond"), 2022), new UUID(0, 1));
        ReservationRejected event = new ReservationRejected(
                "rijnmond_2022",
                reservation,
                Money.parse("2500.00"),
                new Reason("nee"),
                LocalDate.of(2022, 7, 4),
                new Actor("coord-rijnmond", "COORDINATOR", null));
        ObjectNode stored = (ObjectNode) storage.readTree(storage.writeValueAsString(event));
        stored.put("reason", "nee\u0000");

        ReservationRejected read = storage.readValue(storage.writeValueAsString(stored), ReservationRejected.class);

        assertThat(read.reason()).isEqualTo(new Reason("nee\uFFFD"));
        assertThat(read.actor()).isEqualTo(event.actor());
        assertThat(storage.readValue(storage.writeValueAsString(event), ReservationRejected.class))
                .isEqualTo(event);
    }

    @Test
    void readsBackAPublishedAmendmentAsStored() throws JsonProcessingException {
        ObjectMapper mapper = LedgerObjectMappers.forStorage();
        AmendmentPublished event = new AmendmentPublished(
                Regeling.ID,
                new Amendment(
                        "wijziging-7",
                        "Tijdelijke regeling aanvullende dienstverlening",
                        "Stcrt. 2022, 34833",
                        LocalDate.parse("2022-12-27"),
                        LocalDate.parse("2023-01-01"),
                        LocalDate.parse("2024-12-31"),
                        List.of(
                                new CapSetting(
                                        2023,
                                        Arrays.asList(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD),
                                        Money.parse("21000000.00")),
                                new CapSetting(2023, Arrays.asList(UITVOERINGSKOSTEN), Money.parse("23516924.00"))),
                        // Illustrative amounts: the real regional tables are not in the seeds.
                        List.of(
                                new AllocationSetting(
                                        new RegionCode("rijnmond"),
                                        2023,
                                        Arrays.asList(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD),
                                        Money.parse("1000000.00")),
                                new AllocationSetting(
                                        new RegionCode("groningen"),
                                        2023,
                                        Arrays.asList(UITVOERINGSKOSTEN),
                                        Money.parse("500000.50"))),
                        List.of(
                                MenuSetting.maximum(MenuItem.MATCHING, Money.parse("3200.00")),
                                MenuSetting.guidePrice(MenuItem.MBO_DIPLOMA, Money.parse("2050.00"))),
                        new EligibilitySetting(false, null)),
                "szw");

        String json = mapper.writeValueAsString(event);
        AmendmentPublished readBack = mapper.readValue(json, AmendmentPublished.class);

        assertThat(readBack).isEqualTo(event);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.at("/amendment/effectiveFrom").asText()).isEqualTo("2023-01-01");
        assertThat(tree.at("/amendment/caps/0/amount").isTextual()).isTrue();
        assertThat(tree.at("/amendment/caps/0/amount").asText()).isEqualTo("21000000.00");
        assertThat(tree.at("/amendment/allocations/1/region").asText()).isEqualTo("groningen");
        assertThat(tree.at("/amendment/caps/0/budgets").toString())
                .isEqualTo("[\"AANVULLENDE_DIENSTVERLENING\",\"PRAKTIJKLEREN\",\"WERKFITBEHOUD\"]");
    }

    @Test
    void readsBackAnAmendmentWithoutOptionalSettings() throws JsonProcessingException {
        ObjectMapper mapper = LedgerObjectMappers.forStorage();
        AmendmentPublished event = new AmendmentPublished(
                Regeling.ID,
                new Amendment(
                        "wijziging-1",
                        "Wijziging 1",
                        null,
                        null,
                        LocalDate.parse("2021-08-19"),
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                "szw");

        assertThat(mapper.readValue(mapper.writeValueAsString(event), AmendmentPublished.class))
                .isEqualTo(event);
    }
}
