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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerJsonModuleTest {

    /** The most cents the wire form can carry: sixteen digits of euros and two of cents. */
    private static final long WIRE_FORM_CENTS_MAX = 999_999_999_999_999_999L;

    /** The mapper the event store uses, and one that knows nothing but the ledger's value types. */
    static Stream<ObjectMapper> mappers() {
        return Stream.of(LedgerObjectMappers.forStorage(), new ObjectMapper().registerModule(new LedgerJsonModule()));
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
