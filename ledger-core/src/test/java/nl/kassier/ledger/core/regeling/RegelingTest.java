package nl.kassier.ledger.core.regeling;

import static nl.kassier.ledger.core.RejectionMatchers.rejectedWith;
import static nl.kassier.ledger.core.shared.BudgetType.AANVULLENDE_DIENSTVERLENING;
import static nl.kassier.ledger.core.shared.BudgetType.PRAKTIJKLEREN;
import static nl.kassier.ledger.core.shared.BudgetType.UITVOERINGSKOSTEN;
import static nl.kassier.ledger.core.shared.BudgetType.WERKFITBEHOUD;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules for publishing an amendment, each tested on both sides through the aggregate. Amounts of regional tables
 * are illustrative: the real tables are not in the seeds.
 */
class RegelingTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final String ACTOR = "szw";

    /** The first version of the regeling, with its four 2021 caps. */
    private static final Amendment START = amendment(
            "start",
            "2021-03-26",
            List.of(
                    cap(2021, "28953150.00", AANVULLENDE_DIENSTVERLENING),
                    cap(2021, "28000000.00", PRAKTIJKLEREN),
                    cap(2021, "15150000.00", WERKFITBEHOUD),
                    cap(2021, "17000000.00", UITVOERINGSKOSTEN)),
            List.of());

    /** Wijziging 2: the retroactive cut of the 2021 praktijkleren cap, the rest moved to 2022. */
    private static final Amendment WIJZIGING_2 = amendment(
            "wijziging-2",
            "2021-11-23",
            List.of(cap(2021, "5500000.00", PRAKTIJKLEREN), cap(2022, "22500000.00", PRAKTIJKLEREN)),
            List.of());

    /** A fixture whose injected clock says that today is {@code today} in the Netherlands. */
    private static FixtureConfiguration<Regeling> fixtureOn(String today) {
        FixtureConfiguration<Regeling> fixture = new AggregateTestFixture<>(Regeling.class);
        fixture.registerInjectableResource(
                Clock.fixed(LocalDate.parse(today).atStartOfDay(AMSTERDAM).toInstant(), AMSTERDAM));
        return fixture;
    }

    private static AmendmentPublished published(Amendment amendment) {
        return new AmendmentPublished(Regeling.ID, amendment, ACTOR);
    }

    private static PublishAmendment publish(Amendment amendment) {
        return PublishAmendment.of(amendment, ACTOR);
    }

    @Nested
    class Publishing {

        @Test
        void publishesTheFirstAmendment() {
            fixtureOn("2021-03-26")
                    .givenNoPriorActivity()
                    .when(publish(START))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(START));
        }

        @Test
        void publishesAnAmendmentWithANewIdAfterEarlierOnes() {
            Amendment wijziging1 = amendment("wijziging-1", "2021-08-19", List.of(), List.of());

            fixtureOn("2021-08-19")
                    .given(published(START))
                    .when(publish(wijziging1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(wijziging1));
        }

        @Test
        void rejectsAnAmendmentIdThatWasAlreadyPublished() {
            Amendment sameIdOtherContent = amendment("start", "2021-04-01", List.of(), List.of());

            fixtureOn("2021-04-01")
                    .given(published(START))
                    .when(publish(sameIdOtherContent))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                    .expectNoEvents();
        }

        @Test
        void rejectsARetriedPublicationAsDuplicateWithoutBookingItTwice() {
            fixtureOn("2021-03-26")
                    .given(published(START))
                    .when(publish(START))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                    .expectNoEvents();
        }

        @Test
        void reportsADuplicateIdBeforeAnyContradictionInTheAmendment() {
            Amendment duplicateAndContradictory =
                    amendment("start", "2021-04-01", List.of(cap(2021, "-1.00", PRAKTIJKLEREN)), List.of());

            fixtureOn("2021-04-01")
                    .given(published(START))
                    .when(publish(duplicateAndContradictory))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                    .expectNoEvents();
        }
    }

    @Nested
    class AllocationsWithinTheCap {

        @Test
        void acceptsAllocationsAddingUpToExactlyTheCapInForce() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "14000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "14000000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(tables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables));
        }

        @Test
        void rejectsAllocationsOneCentAboveTheCap() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "14000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "14000000.01", PRAKTIJKLEREN)));

            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void checksEachCapLineOnItsOwn() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "28000000.00", PRAKTIJKLEREN),
                            allocation("rijnmond", 2021, "15150000.01", WERKFITBEHOUD)));

            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void rejectsAllocationsForAYearWithoutACapInForce() {
            Amendment tables = amendment(
                    "tabellen-2022",
                    "2021-06-01",
                    List.of(),
                    List.of(allocation("rijnmond", 2022, "1.00", PRAKTIJKLEREN)));

            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void rejectsAllocationsWhenNoAmendmentHasSetAnyCap() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(allocation("rijnmond", 2021, "0.00", PRAKTIJKLEREN)));

            fixtureOn("2021-06-01")
                    .givenNoPriorActivity()
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void rejectsAllocationsForOneTypeOfAMergedCap() {
            Amendment merged = amendment(
                    "wijziging-7",
                    "2023-01-01",
                    List.of(cap(2023, "21000000.00", AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD)),
                    List.of());
            Amendment tables = amendment(
                    "tabellen-2023",
                    "2023-01-01",
                    List.of(),
                    List.of(allocation("rijnmond", 2023, "1.00", PRAKTIJKLEREN)));

            fixtureOn("2023-02-01")
                    .given(published(merged))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void acceptsAllocationsUnderAMergedCapOverAllItsTypes() {
            Amendment merged = amendment(
                    "wijziging-7",
                    "2023-01-01",
                    List.of(cap(2023, "21000000.00", AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD)),
                    List.of());
            // The budgets are named in another order than the cap names them: a cap line is a set.
            Amendment tables = amendment(
                    "tabellen-2023",
                    "2023-01-01",
                    List.of(),
                    List.of(allocation(
                            "rijnmond",
                            2023,
                            "21000000.00",
                            WERKFITBEHOUD,
                            AANVULLENDE_DIENSTVERLENING,
                            PRAKTIJKLEREN)));

            fixtureOn("2023-02-01")
                    .given(published(merged))
                    .when(publish(tables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables));
        }

        @Test
        void acceptsAllocationsWithinACapSetInTheSameAmendment() {
            Amendment capAndTables = amendment(
                    "start",
                    "2021-03-26",
                    List.of(cap(2021, "28000000.00", PRAKTIJKLEREN)),
                    List.of(
                            allocation("rijnmond", 2021, "20000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "8000000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-03-26")
                    .givenNoPriorActivity()
                    .when(publish(capAndTables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(capAndTables));
        }

        @Test
        void rejectsAllocationsAboveACapSetInTheSameAmendment() {
            Amendment capAndTables = amendment(
                    "start",
                    "2021-03-26",
                    List.of(cap(2021, "28000000.00", PRAKTIJKLEREN)),
                    List.of(
                            allocation("rijnmond", 2021, "20000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "8000000.01", PRAKTIJKLEREN)));

            fixtureOn("2021-03-26")
                    .givenNoPriorActivity()
                    .when(publish(capAndTables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void checksAllocationsAgainstTheCapSetInTheSameAmendmentRatherThanTheOldOne() {
            // Lowering a cap and dividing the lower cap in one amendment: the old, higher cap does not count.
            Amendment cutAndTables = amendment(
                    "wijziging-2",
                    "2021-11-23",
                    List.of(cap(2021, "5500000.00", PRAKTIJKLEREN)),
                    List.of(allocation("rijnmond", 2021, "5500000.01", PRAKTIJKLEREN)));

            fixtureOn("2021-11-23")
                    .given(published(START))
                    .when(publish(cutAndTables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }
    }

    @Nested
    class TheCapThatCounts {

        @Test
        void checksAFutureAmendmentAgainstTheCapInForceOnItsEffectiveDate() {
            // Today no 2022 cap is in force; on 2022-01-01, when the table takes effect, wijziging 2's cap is.
            Amendment tables2022 = amendment(
                    "tabellen-2022",
                    "2022-01-01",
                    List.of(),
                    List.of(allocation("rijnmond", 2022, "22500000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-11-01")
                    .given(published(START), published(WIJZIGING_2))
                    .when(publish(tables2022))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables2022));
        }

        @Test
        void rejectsAFutureAmendmentAboveTheLowerCapInForceOnItsEffectiveDate() {
            // Today the 2021 praktijkleren cap is 28,000,000.00; on 2021-12-01 wijziging 2 has cut it to 5,500,000.00.
            Amendment tables = amendment(
                    "tabellen-december",
                    "2021-12-01",
                    List.of(),
                    List.of(allocation("rijnmond", 2021, "6000000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-11-01")
                    .given(published(START), published(WIJZIGING_2))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void checksAnAmendmentInEffectAlreadyAgainstTheCapInForceToday() {
            // Effective in the past, so today's cap counts; wijziging 2 is recorded but not yet in force today.
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(allocation("rijnmond", 2021, "6000000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-11-01")
                    .given(published(START), published(WIJZIGING_2))
                    .when(publish(tables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables));
        }

        @Test
        void rejectsAllocationsAboveARetroactivelyCutCap() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "4000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "2000000.00", PRAKTIJKLEREN)));

            fixtureOn("2022-01-10")
                    .given(published(START), published(WIJZIGING_2))
                    .when(publish(tables))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void acceptsAllocationsUpToARetroactivelyCutCap() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "4000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "1500000.00", PRAKTIJKLEREN)));

            fixtureOn("2022-01-10")
                    .given(published(START), published(WIJZIGING_2))
                    .when(publish(tables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables));
        }

        @Test
        void acceptsTheSameAllocationsBeforeTheCutWasPublished() {
            Amendment tables = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "4000000.00", PRAKTIJKLEREN),
                            allocation("groningen", 2021, "2000000.00", PRAKTIJKLEREN)));

            fixtureOn("2021-11-01")
                    .given(published(START))
                    .when(publish(tables))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(tables));
        }
    }

    @Nested
    class SelfContradictions {

        @Test
        void rejectsTheSameBudgetTypeCappedTwiceForOneYear() {
            Amendment twice = amendment(
                    "wijziging-2",
                    "2021-11-23",
                    List.of(cap(2021, "28000000.00", PRAKTIJKLEREN), cap(2021, "5500000.00", PRAKTIJKLEREN)),
                    List.of());

            expectValidationFailure(twice, "caps[1].budgets");
        }

        @Test
        void rejectsASeparateCapForATypeAlsoInAMergedCapOfTheSameYear() {
            Amendment overlapping = amendment(
                    "wijziging-7",
                    "2023-01-01",
                    List.of(
                            cap(2023, "21000000.00", AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD),
                            cap(2023, "1000000.00", WERKFITBEHOUD)),
                    List.of());

            expectValidationFailure(overlapping, "caps[1].budgets");
        }

        @Test
        void acceptsTheSameBudgetTypeCappedForDifferentYears() {
            fixtureOn("2021-11-23")
                    .given(published(START))
                    .when(publish(WIJZIGING_2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(WIJZIGING_2));
        }

        @Test
        void rejectsANegativeCap() {
            Amendment negative =
                    amendment("wijziging-2", "2021-11-23", List.of(cap(2021, "-0.01", PRAKTIJKLEREN)), List.of());

            expectValidationFailure(negative, "caps[0].amount");
        }

        @Test
        void acceptsACapOfZero() {
            Amendment zero = amendment("start", "2021-03-26", List.of(cap(2021, "0.00", PRAKTIJKLEREN)), List.of());

            fixtureOn("2021-03-26")
                    .givenNoPriorActivity()
                    .when(publish(zero))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(zero));
        }

        @Test
        void rejectsARegionAllocatedTwiceForTheSameYearAndBudgets() {
            Amendment twice = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "1.00", PRAKTIJKLEREN),
                            allocation("rijnmond", 2021, "2.00", PRAKTIJKLEREN)));

            expectValidationFailure(twice, "allocations[1].region");
        }

        @Test
        void acceptsARegionAllocatedForTwoBudgetsOfTheSameYear() {
            Amendment twoLines = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(
                            allocation("rijnmond", 2021, "1.00", PRAKTIJKLEREN),
                            allocation("rijnmond", 2021, "2.00", WERKFITBEHOUD)));

            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(twoLines))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(twoLines));
        }

        @Test
        void rejectsAnAllocationToAnUnknownRegion() {
            Amendment unknown = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(allocation("atlantis", 2021, "1.00", PRAKTIJKLEREN)));

            expectValidationFailure(unknown, "allocations[0].region");
        }

        @Test
        void rejectsANegativeAllocation() {
            Amendment negative = amendment(
                    "tabellen-2021",
                    "2021-03-26",
                    List.of(),
                    List.of(allocation("rijnmond", 2021, "-0.01", PRAKTIJKLEREN)));

            expectValidationFailure(negative, "allocations[0].amount");
        }

        @Test
        void rejectsAMenuItemUnderAnotherBudgetType() {
            Amendment wrongBudget = amendment(
                    "menukaart",
                    "2021-03-26",
                    List.of(),
                    List.of(),
                    List.of(new MenuSetting(PRAKTIJKLEREN, MenuItem.MATCHING, Money.parse("3200.00"), null)),
                    null);

            expectValidationFailure(wrongBudget, "menu[0].item");
        }

        @Test
        void rejectsAMenuItemSetTwice() {
            Amendment twice = amendment(
                    "menukaart",
                    "2021-03-26",
                    List.of(),
                    List.of(),
                    List.of(
                            MenuSetting.maximum(MenuItem.MATCHING, Money.parse("3200.00")),
                            MenuSetting.maximum(MenuItem.MATCHING, Money.parse("3500.00"))),
                    null);

            expectValidationFailure(twice, "menu[1].item");
        }

        @Test
        void acceptsAMenuOfDistinctItemsEachUnderItsOwnBudgetType() {
            Amendment menu = amendment(
                    "start",
                    "2021-03-26",
                    List.of(),
                    List.of(),
                    List.of(
                            MenuSetting.maximum(MenuItem.MATCHING, Money.parse("3200.00")),
                            MenuSetting.guidePrice(MenuItem.PRAKTIJKVERKLARING, Money.parse("750.00")),
                            MenuSetting.maximum(MenuItem.JOBCOACHING, Money.parse("3000.00"))),
                    null);

            fixtureOn("2021-03-26")
                    .givenNoPriorActivity()
                    .when(publish(menu))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(menu));
        }

        @Test
        void rejectsASchemeEndBeforeTheAmendmentTakesEffect() {
            Amendment endsEarly = new Amendment(
                    "wijziging-7",
                    "Wijziging 7",
                    "Stcrt. 2022, 34833",
                    null,
                    LocalDate.parse("2023-01-01"),
                    LocalDate.parse("2022-12-31"),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);

            expectValidationFailure(endsEarly, "schemeEndsOn");
        }

        @Test
        void acceptsASchemeEndOnTheDayTheAmendmentTakesEffect() {
            Amendment endsThatDay = new Amendment(
                    "wijziging-7",
                    "Wijziging 7",
                    "Stcrt. 2022, 34833",
                    null,
                    LocalDate.parse("2023-01-01"),
                    LocalDate.parse("2023-01-01"),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);

            fixtureOn("2022-12-28")
                    .givenNoPriorActivity()
                    .when(publish(endsThatDay))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(published(endsThatDay));
        }

        @Test
        void reportsEveryContradictionAtOnce() {
            Amendment manyFaults = new Amendment(
                    "wijziging-7",
                    "Wijziging 7",
                    "Stcrt. 2022, 34833",
                    null,
                    LocalDate.parse("2023-01-01"),
                    LocalDate.parse("2022-12-31"),
                    List.of(cap(2023, "-1.00", UITVOERINGSKOSTEN)),
                    List.of(),
                    List.of(
                            MenuSetting.maximum(MenuItem.MATCHING, Money.parse("1.00")),
                            MenuSetting.maximum(MenuItem.MATCHING, Money.parse("1.00"))),
                    null);

            expectValidationFailure(manyFaults, "caps[0].amount", "menu[1].item", "schemeEndsOn");
        }

        @Test
        void reportsAContradictionBeforeCheckingTheCaps() {
            // Negative and over no cap at all: the contradiction is what is reported.
            Amendment contradictory = amendment(
                    "tabellen-2030",
                    "2021-03-26",
                    List.of(),
                    List.of(allocation("rijnmond", 2030, "-5.00", PRAKTIJKLEREN)));

            expectValidationFailure(contradictory, "allocations[0].amount");
        }

        private void expectValidationFailure(Amendment amendment, String... fields) {
            fixtureOn("2021-06-01")
                    .given(published(START))
                    .when(publish(amendment))
                    .expectException(rejectedWith(LedgerErrorCode.VALIDATION_FAILED, fields))
                    .expectNoEvents();
        }
    }

    private static Amendment amendment(
            String id, String effectiveFrom, List<CapSetting> caps, List<AllocationSetting> allocations) {
        return amendment(id, effectiveFrom, caps, allocations, List.of(), null);
    }

    private static Amendment amendment(
            String id,
            String effectiveFrom,
            List<CapSetting> caps,
            List<AllocationSetting> allocations,
            List<MenuSetting> menu,
            LocalDate schemeEndsOn) {
        return new Amendment(
                id,
                "Regeling " + id,
                null,
                null,
                LocalDate.parse(effectiveFrom),
                schemeEndsOn,
                caps,
                allocations,
                menu,
                null);
    }

    // Arrays.asList rather than List.of: BudgetTypes.normalize asks an immutable list whether it contains null, and
    // such a list answers with a NullPointerException (see BudgetTypesTest).
    private static CapSetting cap(int year, String amount, BudgetType... budgets) {
        return new CapSetting(year, Arrays.asList(budgets), Money.parse(amount));
    }

    private static AllocationSetting allocation(String region, int year, String amount, BudgetType... budgets) {
        return new AllocationSetting(new RegionCode(region), year, Arrays.asList(budgets), Money.parse(amount));
    }

    /** A {@link LedgerRejection} with {@code code} that names at least the given invalid fields. */
}
