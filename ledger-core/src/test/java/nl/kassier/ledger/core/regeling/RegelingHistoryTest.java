package nl.kassier.ledger.core.regeling;

import static nl.kassier.ledger.core.shared.BudgetType.AANVULLENDE_DIENSTVERLENING;
import static nl.kassier.ledger.core.shared.BudgetType.PRAKTIJKLEREN;
import static nl.kassier.ledger.core.shared.BudgetType.UITVOERINGSKOSTEN;
import static nl.kassier.ledger.core.shared.BudgetType.WERKFITBEHOUD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The nine versions of the regeling as the final evaluation (seed 004, Bijlage 2, table 1) lists them, and what the
 * history says was in force on a legal date.
 */
class RegelingHistoryTest {

    private static final List<BudgetType> MERGED = List.of(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD);

    private static final Amendment START = new Amendment(
            "start",
            "Tijdelijke regeling aanvullende (crisis)dienstverlening COVID-19",
            "Stcrt. 2021, 15327",
            null,
            date("2021-03-26"),
            date("2022-12-31"),
            List.of(
                    cap(2021, "28953150.00", AANVULLENDE_DIENSTVERLENING),
                    cap(2021, "28000000.00", PRAKTIJKLEREN),
                    cap(2021, "15150000.00", WERKFITBEHOUD),
                    cap(2021, "17000000.00", UITVOERINGSKOSTEN)),
            List.of(),
            List.of(),
            new EligibilitySetting(true, date("2020-03-12")));

    private static final Amendment WIJZIGING_1 = plain("wijziging-1", "Stcrt. 2021, 38402", "2021-08-19");

    private static final Amendment WIJZIGING_2 = new Amendment(
            "wijziging-2",
            "Wijziging 2",
            "Stcrt. 2021, 46691",
            null,
            date("2021-11-23"),
            null,
            List.of(cap(2021, "5500000.00", PRAKTIJKLEREN), cap(2022, "22500000.00", PRAKTIJKLEREN)),
            List.of(),
            List.of(),
            null);

    private static final Amendment WIJZIGING_3 = new Amendment(
            "wijziging-3",
            "Wijziging 3",
            "Stcrt. 2021, 46691",
            null,
            date("2022-01-01"),
            null,
            List.of(
                    cap(2022, "38604200.00", AANVULLENDE_DIENSTVERLENING),
                    cap(2022, "9750000.00", WERKFITBEHOUD),
                    cap(2022, "22666667.00", UITVOERINGSKOSTEN)),
            List.of(),
            List.of(),
            null);

    private static final Amendment WIJZIGING_4 = plain("wijziging-4", "Stcrt. 2022, 7828", "2022-03-24");

    private static final Amendment WIJZIGING_5 = new Amendment(
            "wijziging-5",
            "Wijziging 5",
            "Stcrt. 2022, 14322",
            null,
            date("2022-06-01"),
            null,
            List.of(),
            List.of(),
            List.of(),
            new EligibilitySetting(false, null));

    private static final Amendment WIJZIGING_6 = plain("wijziging-6", "Stcrt. 2022, 34833", "2022-12-28");

    private static final Amendment WIJZIGING_7 = new Amendment(
            "wijziging-7",
            "Tijdelijke regeling aanvullende dienstverlening",
            "Stcrt. 2022, 34833",
            null,
            date("2023-01-01"),
            date("2024-12-31"),
            List.of(
                    new CapSetting(
                            2023,
                            Arrays.asList(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD),
                            euros("21000000.00")),
                    cap(2023, "23516924.00", UITVOERINGSKOSTEN)),
            List.of(),
            List.of(),
            null);

    private static final Amendment WIJZIGING_8 = new Amendment(
            "wijziging-8",
            "Wijziging 8",
            "Stcrt. 2023, 29657",
            null,
            date("2023-11-02"),
            null,
            List.of(new CapSetting(
                    2023,
                    Arrays.asList(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD),
                    euros("25555000.00"))),
            List.of(),
            List.of(),
            null);

    private static final RegelingHistory HISTORY = RegelingHistory.of(List.of(
            START,
            WIJZIGING_1,
            WIJZIGING_2,
            WIJZIGING_3,
            WIJZIGING_4,
            WIJZIGING_5,
            WIJZIGING_6,
            WIJZIGING_7,
            WIJZIGING_8));

    @Nested
    class Caps {

        @Test
        void hasNoCapsBeforeTheRegelingTookEffect() {
            assertThat(HISTORY.caps(2021, date("2021-03-25"))).isEmpty();
        }

        @Test
        void givesTheFourCapsOfStartOnItsFirstDay() {
            assertThat(HISTORY.caps(2021, date("2021-03-26")))
                    .containsExactly(
                            line(2021, "28953150.00", "start", AANVULLENDE_DIENSTVERLENING),
                            line(2021, "28000000.00", "start", PRAKTIJKLEREN),
                            line(2021, "15150000.00", "start", WERKFITBEHOUD),
                            line(2021, "17000000.00", "start", UITVOERINGSKOSTEN));
        }

        @Test
        void keepsThePraktijklerenCapOfStartBeforeTheCut() {
            assertThat(HISTORY.capLineFor(2021, PRAKTIJKLEREN, date("2021-11-01")))
                    .contains(line(2021, "28000000.00", "start", PRAKTIJKLEREN));
            assertThat(HISTORY.capLineFor(2021, PRAKTIJKLEREN, date("2021-11-22")))
                    .contains(line(2021, "28000000.00", "start", PRAKTIJKLEREN));
        }

        @Test
        void givesTheCutPraktijklerenCapFromTheDayWijziging2TookEffect() {
            assertThat(HISTORY.capLineFor(2021, PRAKTIJKLEREN, date("2021-11-23")))
                    .contains(line(2021, "5500000.00", "wijziging-2", PRAKTIJKLEREN));
        }

        @Test
        void cutsOnlyThePraktijklerenCapOf2021() {
            assertThat(HISTORY.caps(2021, date("2021-12-31")))
                    .containsExactly(
                            line(2021, "28953150.00", "start", AANVULLENDE_DIENSTVERLENING),
                            line(2021, "5500000.00", "wijziging-2", PRAKTIJKLEREN),
                            line(2021, "15150000.00", "start", WERKFITBEHOUD),
                            line(2021, "17000000.00", "start", UITVOERINGSKOSTEN));
        }

        @Test
        void keepsThe2021CapsAsLastSetAfterThatYear() {
            assertThat(HISTORY.caps(2021, date("2023-12-01"))).isEqualTo(HISTORY.caps(2021, date("2021-12-31")));
        }

        @Test
        void givesThePraktijklerenCapOf2022FromWijziging2AlreadyIn2021() {
            assertThat(HISTORY.caps(2022, date("2021-12-31")))
                    .containsExactly(line(2022, "22500000.00", "wijziging-2", PRAKTIJKLEREN));
        }

        @Test
        void givesTheFour2022Caps() {
            assertThat(HISTORY.caps(2022, date("2022-06-30")))
                    .containsExactly(
                            line(2022, "38604200.00", "wijziging-3", AANVULLENDE_DIENSTVERLENING),
                            line(2022, "22500000.00", "wijziging-2", PRAKTIJKLEREN),
                            line(2022, "9750000.00", "wijziging-3", WERKFITBEHOUD),
                            line(2022, "22666667.00", "wijziging-3", UITVOERINGSKOSTEN));
        }

        @Test
        void hasNo2023CapsBeforeWijziging7TookEffect() {
            assertThat(HISTORY.caps(2023, date("2022-12-31"))).isEmpty();
        }

        @Test
        void givesTheMergedCapAndTheUitvoeringskostenCapFor2023() {
            assertThat(HISTORY.caps(2023, date("2023-06-30")))
                    .containsExactly(
                            new CapLine(2023, MERGED, euros("21000000.00"), "wijziging-7"),
                            line(2023, "23516924.00", "wijziging-7", UITVOERINGSKOSTEN));
        }

        @Test
        void givesTheRaisedMergedCapFromWijziging8() {
            assertThat(HISTORY.caps(2023, date("2023-11-01")))
                    .first()
                    .isEqualTo(new CapLine(2023, MERGED, euros("21000000.00"), "wijziging-7"));
            assertThat(HISTORY.caps(2023, date("2023-12-01")))
                    .containsExactly(
                            new CapLine(2023, MERGED, euros("25555000.00"), "wijziging-8"),
                            line(2023, "23516924.00", "wijziging-7", UITVOERINGSKOSTEN));
        }

        @Test
        void drawsEachMergedTypeFromTheMergedLine() {
            CapLine merged = new CapLine(2023, MERGED, euros("21000000.00"), "wijziging-7");

            assertThat(HISTORY.capLineFor(2023, AANVULLENDE_DIENSTVERLENING, date("2023-06-30")))
                    .contains(merged);
            assertThat(HISTORY.capLineFor(2023, PRAKTIJKLEREN, date("2023-06-30")))
                    .contains(merged);
            assertThat(HISTORY.capLineFor(2023, WERKFITBEHOUD, date("2023-06-30")))
                    .contains(merged);
            assertThat(HISTORY.capLineFor(2023, UITVOERINGSKOSTEN, date("2023-06-30")))
                    .contains(line(2023, "23516924.00", "wijziging-7", UITVOERINGSKOSTEN));
        }

        @Test
        void hasNoCapFor2024() {
            assertThat(HISTORY.caps(2024, date("2024-06-30"))).isEmpty();
            assertThat(HISTORY.capLineFor(2024, UITVOERINGSKOSTEN, date("2024-06-30")))
                    .isEmpty();
        }

        @Test
        void replacesAMergedCapForTheTypesALaterSplitNames() {
            Amendment split = amendment(
                    "splitsing",
                    "2023-12-15",
                    List.of(cap(2023, "10000000.00", AANVULLENDE_DIENSTVERLENING)),
                    List.of(),
                    List.of());

            // The types the split leaves out have no cap until an amendment sets one.
            assertThat(HISTORY.with(split).caps(2023, date("2023-12-31")))
                    .containsExactly(
                            line(2023, "10000000.00", "splitsing", AANVULLENDE_DIENSTVERLENING),
                            line(2023, "23516924.00", "wijziging-7", UITVOERINGSKOSTEN));
        }
    }

    @Nested
    class SchemePeriodAndEligibility {

        @Test
        void startsOnTheFirstDayOfTheFirstVersion() {
            assertThat(HISTORY.schemeStart()).contains(date("2021-03-26"));
        }

        @Test
        void hasNoSchemeEndBeforeTheRegelingTookEffect() {
            assertThat(HISTORY.schemeEnd(date("2021-03-25"))).isEmpty();
        }

        @Test
        void endsTheSchemeIn2022UntilWijziging7() {
            assertThat(HISTORY.schemeEnd(date("2022-06-01"))).contains(date("2022-12-31"));
            assertThat(HISTORY.schemeEnd(date("2022-12-31"))).contains(date("2022-12-31"));
        }

        @Test
        void extendsTheSchemeTo2024FromWijziging7() {
            assertThat(HISTORY.schemeEnd(date("2023-01-01"))).contains(date("2024-12-31"));
            assertThat(HISTORY.schemeEnd(date("2025-06-01"))).contains(date("2024-12-31"));
        }

        @Test
        void requiresTheCovidReferenceDateUntilWijziging5() {
            assertThat(HISTORY.eligibility(date("2022-05-31")))
                    .contains(new EligibilitySetting(true, date("2020-03-12")));
        }

        @Test
        void dropsTheCovidReferenceDateFromWijziging5() {
            assertThat(HISTORY.eligibility(date("2022-06-01")))
                    .hasValueSatisfying(eligibility ->
                            assertThat(eligibility.covidReferenceDateRequired()).isFalse());
        }

        @Test
        void hasNoEligibilityRulesBeforeTheRegelingTookEffect() {
            assertThat(HISTORY.eligibility(date("2021-03-25"))).isEmpty();
        }
    }

    @Nested
    class Ties {

        private final Amendment first =
                amendment("eerste", "2022-01-01", List.of(cap(2022, "100.00", PRAKTIJKLEREN)), List.of(), List.of());
        private final Amendment second =
                amendment("tweede", "2022-01-01", List.of(cap(2022, "200.00", PRAKTIJKLEREN)), List.of(), List.of());

        @Test
        void givesATieInEffectiveDateToTheAmendmentRecordedLater() {
            assertThat(RegelingHistory.of(List.of(first, second)).capLineFor(2022, PRAKTIJKLEREN, date("2022-01-01")))
                    .contains(line(2022, "200.00", "tweede", PRAKTIJKLEREN));
            assertThat(RegelingHistory.of(List.of(second, first)).capLineFor(2022, PRAKTIJKLEREN, date("2022-01-01")))
                    .contains(line(2022, "100.00", "eerste", PRAKTIJKLEREN));
        }

        @Test
        void ordersByEffectiveDateRatherThanByRecording() {
            // Recorded later but effective earlier: the earlier-recorded, later-effective amendment decides.
            Amendment older =
                    amendment("ouder", "2021-12-01", List.of(cap(2022, "300.00", PRAKTIJKLEREN)), List.of(), List.of());

            assertThat(RegelingHistory.of(List.of(first, older)).capLineFor(2022, PRAKTIJKLEREN, date("2022-01-01")))
                    .contains(line(2022, "100.00", "eerste", PRAKTIJKLEREN));
            assertThat(RegelingHistory.of(List.of(first, older)).capLineFor(2022, PRAKTIJKLEREN, date("2021-12-31")))
                    .contains(line(2022, "300.00", "ouder", PRAKTIJKLEREN));
        }

        @Test
        void givesATieInSchemeEndToTheAmendmentRecordedLater() {
            Amendment endsIn2023 = new Amendment(
                    "verlenging-a",
                    "Verlenging A",
                    null,
                    null,
                    date("2022-01-01"),
                    date("2023-12-31"),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);
            Amendment endsIn2024 = new Amendment(
                    "verlenging-b",
                    "Verlenging B",
                    null,
                    null,
                    date("2022-01-01"),
                    date("2024-12-31"),
                    List.of(),
                    List.of(),
                    List.of(),
                    null);

            assertThat(RegelingHistory.of(List.of(endsIn2023, endsIn2024)).schemeEnd(date("2022-01-01")))
                    .contains(date("2024-12-31"));
            assertThat(RegelingHistory.of(List.of(endsIn2024, endsIn2023)).schemeEnd(date("2022-01-01")))
                    .contains(date("2023-12-31"));
        }
    }

    /** Regional tables and menu entries; their amounts are illustrative, the real tables are not in the seeds. */
    @Nested
    class AllocationsAndMenu {

        private final List<BudgetType> praktijkleren = List.of(PRAKTIJKLEREN);

        private final Amendment firstTable = amendment(
                "tabellen-a",
                "2021-03-26",
                List.of(),
                List.of(
                        allocation("rijnmond", 2021, "100.00", PRAKTIJKLEREN),
                        allocation("groningen", 2021, "200.00", PRAKTIJKLEREN),
                        allocation("rijnmond", 2021, "300.00", WERKFITBEHOUD)),
                List.of());

        private final Amendment laterTable = amendment(
                "tabellen-b",
                "2021-11-23",
                List.of(),
                List.of(allocation("rijnmond", 2021, "50.00", PRAKTIJKLEREN)),
                List.of());

        private final RegelingHistory history = HISTORY.with(firstTable).with(laterTable);

        @Test
        void givesTheTableInForceOnTheDate() {
            assertThat(history.allocations(2021, praktijkleren, date("2021-11-01")))
                    .containsExactly(
                            Map.entry(new RegionCode("rijnmond"), euros("100.00")),
                            Map.entry(new RegionCode("groningen"), euros("200.00")));
            assertThat(history.allocationAmendment(2021, praktijkleren, date("2021-11-01")))
                    .contains("tabellen-a");
        }

        @Test
        void replacesTheEarlierTableWhole() {
            // Groningen is not in the later table, so from then on it has no allocation at all.
            assertThat(history.allocations(2021, praktijkleren, date("2021-12-31")))
                    .containsExactly(Map.entry(new RegionCode("rijnmond"), euros("50.00")));
            assertThat(history.allocationAmendment(2021, praktijkleren, date("2021-12-31")))
                    .contains("tabellen-b");
        }

        @Test
        void keepsTheTableOfAnotherCapLineWhenOneIsReplaced() {
            assertThat(history.allocations(2021, List.of(WERKFITBEHOUD), date("2021-12-31")))
                    .containsExactly(Map.entry(new RegionCode("rijnmond"), euros("300.00")));
            assertThat(history.allocationAmendment(2021, List.of(WERKFITBEHOUD), date("2021-12-31")))
                    .contains("tabellen-a");
        }

        @Test
        void hasNoTableBeforeOneTakesEffectOrForAnotherYear() {
            assertThat(history.allocations(2021, praktijkleren, date("2021-03-25")))
                    .isEmpty();
            assertThat(history.allocations(2022, praktijkleren, date("2022-06-30")))
                    .isEmpty();
            assertThat(history.allocationAmendment(2022, praktijkleren, date("2022-06-30")))
                    .isEmpty();
        }

        @Test
        void overridesOnlyTheMenuItemsALaterAmendmentSets() {
            Amendment menu = amendment(
                    "menukaart",
                    "2021-03-26",
                    List.of(),
                    List.of(),
                    List.of(
                            MenuSetting.maximum(MenuItem.MATCHING, euros("3200.00")),
                            MenuSetting.guidePrice(MenuItem.PRAKTIJKVERKLARING, euros("750.00"))));
            Amendment newMaximum = amendment(
                    "menukaart-matching",
                    "2022-01-01",
                    List.of(),
                    List.of(),
                    List.of(MenuSetting.maximum(MenuItem.MATCHING, euros("3500.00"))));
            RegelingHistory withMenu = HISTORY.with(menu).with(newMaximum);

            assertThat(withMenu.menu(MenuItem.MATCHING, date("2021-12-31")))
                    .contains(MenuSetting.maximum(MenuItem.MATCHING, euros("3200.00")));
            assertThat(withMenu.menu(MenuItem.MATCHING, date("2022-01-01")))
                    .contains(MenuSetting.maximum(MenuItem.MATCHING, euros("3500.00")));
            assertThat(withMenu.menu(MenuItem.PRAKTIJKVERKLARING, date("2022-01-01")))
                    .contains(MenuSetting.guidePrice(MenuItem.PRAKTIJKVERKLARING, euros("750.00")));
            assertThat(withMenu.menu(MenuItem.JOBCOACHING, date("2022-01-01"))).isEmpty();
            assertThat(withMenu.menu(MenuItem.MATCHING, date("2021-03-25"))).isEmpty();
        }
    }

    @Test
    void knowsWhichAmendmentsItHasRecorded() {
        assertThat(HISTORY.amendments()).hasSize(9);
        assertThat(HISTORY.contains("wijziging-8")).isTrue();
        assertThat(HISTORY.contains("wijziging-9")).isFalse();
        assertThat(RegelingHistory.empty().isEmpty()).isTrue();
        assertThat(HISTORY.isEmpty()).isFalse();
    }

    @Test
    void leavesItselfUnchangedWhenExtended() {
        RegelingHistory extended = HISTORY.with(plain("wijziging-9", null, "2024-06-01"));

        assertThat(extended.amendments()).hasSize(10);
        assertThat(HISTORY.amendments()).hasSize(9);
    }

    private static Amendment plain(String id, String gazette, String effectiveFrom) {
        return new Amendment(
                id, "Regeling " + id, gazette, null, date(effectiveFrom), null, List.of(), List.of(), List.of(), null);
    }

    private static Amendment amendment(
            String id,
            String effectiveFrom,
            List<CapSetting> caps,
            List<AllocationSetting> allocations,
            List<MenuSetting> menu) {
        return new Amendment(
                id, "Regeling " + id, null, null, date(effectiveFrom), null, caps, allocations, menu, null);
    }

    // Arrays.asList rather than List.of: BudgetTypes.normalize asks an immutable list whether it contains null, and
    // such a list answers with a NullPointerException (see BudgetTypesTest).
    private static CapSetting cap(int year, String amount, BudgetType budget) {
        return new CapSetting(year, Arrays.asList(budget), euros(amount));
    }

    private static AllocationSetting allocation(String region, int year, String amount, BudgetType budget) {
        return new AllocationSetting(new RegionCode(region), year, Arrays.asList(budget), euros(amount));
    }

    private static CapLine line(int year, String amount, String amendmentId, BudgetType budget) {
        return new CapLine(year, List.of(budget), euros(amount), amendmentId);
    }

    private static Money euros(String amount) {
        return Money.parse(amount);
    }

    private static LocalDate date(String date) {
        return LocalDate.parse(date);
    }
}
