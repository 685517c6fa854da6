package nl.kassier.ledger.core.budget;

import static nl.kassier.ledger.core.RejectionMatchers.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.OrganisationType;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of a region's budget, each on both sides and at its boundary: the cap (also merged, also after a
 * retroactive cut), the scheme period, eligibility on the melding's date, the menukaart, the order of these checks,
 * the life of a reservation, a partner's ownership, and idempotent retries.
 */
class BudgetTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final RegionCode RIJNMOND = new RegionCode("rijnmond");
    private static final BudgetId BUDGET = new BudgetId(RIJNMOND, 2022);
    private static final BudgetId BUDGET_2023 = new BudgetId(RIJNMOND, 2023);
    private static final Actor PARTNER = new Actor("fnv-rijnmond", "PARTNER", "FNV");
    private static final Actor OTHER_PARTNER = new Actor("cnv-rijnmond", "PARTNER", "CNV");
    private static final Actor COORDINATOR = new Actor("coord-rijnmond", "COORDINATOR", null);
    private static final Actor KASSIER = new Actor("kassier", "KASSIER", null);
    private static final Actor SYSTEM = Actor.system("test");
    /** The legal date of the steps after a melding of 2022-07-01, before the fixture's today, 2022-08-15. */
    private static final LocalDate STEP = LocalDate.of(2022, 7, 10);

    private static final List<BudgetType> MERGED =
            List.of(BudgetType.AANVULLENDE_DIENSTVERLENING, BudgetType.PRAKTIJKLEREN, BudgetType.WERKFITBEHOUD);

    /** The regeling as it starts: caps for 2022 and 2023, the menu, the COVID reference date. */
    private static final Amendment START = new Amendment(
            "start",
            "Start",
            null,
            null,
            LocalDate.of(2021, 3, 26),
            LocalDate.of(2024, 12, 31),
            List.of(
                    new CapSetting(2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00")),
                    new CapSetting(2022, List.of(BudgetType.PRAKTIJKLEREN), eur("1000000.00")),
                    new CapSetting(2022, List.of(BudgetType.WERKFITBEHOUD), eur("1000000.00")),
                    new CapSetting(2023, MERGED, eur("1000000.00"))),
            List.of(
                    new AllocationSetting(
                            RIJNMOND, 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("10000.00")),
                    new AllocationSetting(RIJNMOND, 2022, List.of(BudgetType.PRAKTIJKLEREN), eur("5000.00")),
                    new AllocationSetting(RIJNMOND, 2022, List.of(BudgetType.WERKFITBEHOUD), eur("5000.00")),
                    new AllocationSetting(RIJNMOND, 2023, MERGED, eur("8000.00"))),
            List.of(
                    MenuSetting.maximum(MenuItem.SCHOLING, eur("5000.00")),
                    MenuSetting.maximum(MenuItem.MATCHING, eur("3200.00")),
                    MenuSetting.maximum(MenuItem.JOBCOACHING, eur("3000.00")),
                    MenuSetting.guidePrice(MenuItem.MBO_DIPLOMA, eur("2050.00"))),
            new EligibilitySetting(true, LocalDate.of(2020, 3, 12)));

    /** Wijziging 5: from 2022-06-01 the COVID reference date is no longer required. */
    private static final Amendment WIDENING = new Amendment(
            "wijziging-5",
            "Doelgroep verbreed",
            null,
            null,
            LocalDate.of(2022, 6, 1),
            null,
            List.of(),
            List.of(),
            List.of(),
            new EligibilitySetting(false, null));

    /** Caps and rijnmond's allocations for the scheme's first and last years, 2021 and 2024. */
    private static final Amendment SCHEME_YEARS = new Amendment(
            "jaren",
            "Eerste en laatste jaar",
            null,
            null,
            LocalDate.of(2021, 3, 26),
            null,
            List.of(
                    new CapSetting(2021, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00")),
                    new CapSetting(2024, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00"))),
            List.of(
                    new AllocationSetting(
                            RIJNMOND, 2021, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("10000.00")),
                    new AllocationSetting(
                            RIJNMOND, 2024, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("10000.00"))),
            List.of(),
            null);

    private FixtureConfiguration<Budget> fixture;
    private final Map<PaymentId, ReservationId> paymentClaims = new HashMap<>();
    private final Map<String, ReservationId> keyClaims = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = fixtureOn(LocalDate.of(2022, 8, 15));
    }

    /** A fixture whose clock stands at the start of {@code today} in Amsterdam. */
    private FixtureConfiguration<Budget> fixtureOn(LocalDate today) {
        FixtureConfiguration<Budget> onThatDay = new AggregateTestFixture<>(Budget.class);
        onThatDay.registerInjectableResource(TestVault.INSTANCE);
        onThatDay.registerInjectableResource(
                Clock.fixed(today.atStartOfDay(AMSTERDAM).toInstant(), AMSTERDAM));
        onThatDay.registerInjectableResource((PaymentIdRegistry) (paymentId, reservation, keyDigest) -> {
            if (keyDigest != null && keyClaims.containsKey(keyDigest)) {
                return PaymentIdRegistry.Claim.KEY_TAKEN;
            }
            if (!paymentClaims.computeIfAbsent(paymentId, id -> reservation).equals(reservation)) {
                return PaymentIdRegistry.Claim.ID_TAKEN;
            }
            if (keyDigest != null) {
                keyClaims.put(keyDigest, reservation);
            }
            return PaymentIdRegistry.Claim.CLAIMED;
        });
        return onThatDay;
    }

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    private static List<Object> law(BudgetId budget, Amendment... amendments) {
        List<Object> events = new ArrayList<>();
        for (Amendment amendment : amendments) {
            events.add(new AmendmentAdopted(
                    budget.value(), budget, amendment.forBudget(budget.region(), budget.year()), SYSTEM));
        }
        return events;
    }

    /** The command that hands rijnmond's 2022 budget the regeling's history so far: {@code amendments}, in order. */
    private static AdoptAmendments adoptInRijnmond2022(Amendment... amendments) {
        return AdoptAmendments.of(
                BUDGET,
                Arrays.stream(amendments).map(a -> a.forBudget(RIJNMOND, 2022)).toList(),
                SYSTEM);
    }

    /** The budget's report that its aanvullende-dienstverlening line is overspent: what is allocated, what is used. */
    private static BudgetLineOverspent aanvullendOverspent(Money allocation, Money used, String amendmentId) {
        return new BudgetLineOverspent(
                BUDGET.value(),
                BUDGET,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                allocation,
                used,
                amendmentId,
                SYSTEM);
    }

    private static List<Object> law() {
        return law(BUDGET, START, WIDENING);
    }

    private static ReservationId id(int n) {
        return ReservationId.of(BUDGET, new UUID(0, n));
    }

    private static ReserveBudget reserve(
            ReservationId id,
            BudgetType type,
            MenuItem item,
            String amount,
            String date,
            Candidate candidate,
            Actor by) {
        return new ReserveBudget(
                id, type, item, eur(amount), candidate, LocalDate.parse(date), null, by == COORDINATOR, by);
    }

    private static ReserveBudget scholing(ReservationId id, String amount, Actor by) {
        return reserve(
                id,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.SCHOLING,
                amount,
                "2022-07-01",
                candidate("c-" + id.value().hashCode()),
                by);
    }

    private static Candidate candidate(String ref) {
        return new Candidate(new CandidateRef(ref), TargetGroup.WW, LocalDate.of(2021, 1, 15), false);
    }

    /** The event a reservation of {@code amount} by {@code by} records, for use as a given. */
    private static BudgetReserved reserved(ReservationId id, String amount, Actor by) {
        ReserveBudget command = scholing(id, amount, by);
        return new BudgetReserved(
                BUDGET.value(),
                id,
                BUDGET,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.SCHOLING,
                eur(amount),
                TestVault.idOf(command.candidate()),
                TestVault.groupOf(command.candidate()),
                command.date(),
                TestVault.sealedOf(command.candidate(), null),
                by == COORDINATOR ? ReservationStatus.RESERVED : ReservationStatus.REQUESTED,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                "start",
                false,
                TestVault.INSTANCE.fingerprint(command.fingerprint()),
                by);
    }

    private static List<Object> with(List<Object> given, Object... more) {
        List<Object> all = new ArrayList<>(given);
        all.addAll(List.of(more));
        return all;
    }

    /** The event {@code command} records when accepted on {@code line} under the regional table of {@code table}. */
    private static BudgetReserved recorded(
            ReserveBudget command, List<BudgetType> line, String table, boolean aboveGuidePrice) {
        return new BudgetReserved(
                command.budgetId(),
                command.reservationId(),
                command.reservationId().budget(),
                command.budget(),
                command.menuItem(),
                command.amount(),
                TestVault.idOf(command.candidate()),
                TestVault.groupOf(command.candidate()),
                command.date(),
                TestVault.sealedOf(command.candidate(), command.description()),
                command.approved() ? ReservationStatus.RESERVED : ReservationStatus.REQUESTED,
                line,
                table,
                aboveGuidePrice,
                TestVault.INSTANCE.fingerprint(command.fingerprint()),
                command.actor());
    }

    /** The event of an accepted scholing reservation of the 2022 budget, under the start's table. */
    private static BudgetReserved recorded(ReserveBudget command) {
        return recorded(command, List.of(command.budget()), "start", false);
    }

    /** An amendment effective from {@code from} that sets nothing but what the caller adds. */
    private static Amendment amendment(
            String id,
            LocalDate from,
            LocalDate schemeEndsOn,
            List<CapSetting> caps,
            List<AllocationSetting> allocations,
            List<MenuSetting> menu) {
        return new Amendment(id, id, null, null, from, schemeEndsOn, caps, allocations, menu, null);
    }

    @Nested
    class TheCap {

        @Test
        void acceptsAReservationOfExactlyTheAvailableAmount() {
            fixture.given(with(law(), reserved(id(1), "4000.00", COORDINATOR)))
                    .when(scholing(id(2), "5000.00", COORDINATOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(reserved(id(2), "5000.00", COORDINATOR))
                    .expectResultMessagePayload(new ReservationReceipt(id(2), ReservationStatus.RESERVED, List.of()));
        }

        @Test
        void refusesOneCentMoreThanIsAvailable() {
            fixture.given(with(law(), reserved(id(1), "4000.00", COORDINATOR), reserved(id(3), "1000.00", COORDINATOR)))
                    .when(reserve(
                            id(2),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MAATWERKBUDGET,
                            "5000.01",
                            "2022-07-01",
                            candidate("other"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void countsRequestedReservedCommittedAndPaidAlike() {
            ReservationId committed = id(3);
            fixture.given(with(
                            law(),
                            reserved(id(1), "2000.00", PARTNER),
                            reserved(id(2), "2000.00", COORDINATOR),
                            reserved(committed, "3000.00", COORDINATOR),
                            new ReservationCommitted(
                                    BUDGET.value(), committed, eur("3000.00"), Money.ZERO, null, STEP, COORDINATOR),
                            new PaymentRegistered(
                                    BUDGET.value(),
                                    committed,
                                    new PaymentId("p-1"),
                                    eur("1000.00"),
                                    null,
                                    null,
                                    null,
                                    "f",
                                    ReservationStatus.PARTIALLY_PAID,
                                    KASSIER)))
                    .when(scholing(id(4), "3000.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
        }

        @Test
        void freesWhatIsRejectedOrReleased() {
            fixture.given(with(
                            law(),
                            reserved(id(1), "5000.00", PARTNER),
                            new ReservationRejected(BUDGET.value(), id(1), eur("5000.00"), null, STEP, COORDINATOR),
                            reserved(id(2), "5000.00", COORDINATOR),
                            new ReservationReleased(
                                    BUDGET.value(),
                                    id(2),
                                    eur("5000.00"),
                                    null,
                                    ReservationStatus.RELEASED,
                                    STEP,
                                    COORDINATOR)))
                    .when(scholing(id(3), "5000.00", COORDINATOR))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesATypeWithoutACapOrWithoutAnAllocation() {
            Amendment noUitvoering = START;
            fixture.given(law(BUDGET, noUitvoering))
                    .when(reserve(
                            id(1),
                            BudgetType.UITVOERINGSKOSTEN,
                            MenuItem.PERSONELE_INZET,
                            "1.00",
                            "2022-07-01",
                            null,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
            Amendment otherRegionsOnly = new Amendment(
                    "tabel",
                    "Nieuwe tabel",
                    null,
                    null,
                    LocalDate.of(2022, 1, 1),
                    null,
                    List.of(),
                    List.of(new AllocationSetting(
                            new RegionCode("twente"),
                            2022,
                            List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                            eur("10000.00"))),
                    List.of(),
                    null);
            fixture.given(law(BUDGET, START, WIDENING, otherRegionsOnly))
                    .when(scholing(id(1), "0.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void refusesACapLineForWhichNoRegionalTableWasGiven() {
            Amendment capOnly = amendment(
                    "uitvoering-zonder-tabel",
                    LocalDate.of(2022, 1, 1),
                    null,
                    List.of(new CapSetting(2022, List.of(BudgetType.UITVOERINGSKOSTEN), eur("22666667.00"))),
                    List.of(),
                    List.of());
            fixture.given(law(BUDGET, START, WIDENING, capOnly))
                    .when(reserve(
                            id(1),
                            BudgetType.UITVOERINGSKOSTEN,
                            MenuItem.PERSONELE_INZET,
                            "0.01",
                            "2022-07-01",
                            null,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void acceptsUitvoeringskostenWithoutACandidateUpToTheAllocation() {
            Amendment uitvoering = amendment(
                    "uitvoering",
                    LocalDate.of(2022, 1, 1),
                    null,
                    List.of(new CapSetting(2022, List.of(BudgetType.UITVOERINGSKOSTEN), eur("22666667.00"))),
                    List.of(new AllocationSetting(
                            RIJNMOND, 2022, List.of(BudgetType.UITVOERINGSKOSTEN), eur("3000.00"))),
                    List.of());
            ReserveBudget all = reserve(
                    id(1),
                    BudgetType.UITVOERINGSKOSTEN,
                    MenuItem.PERSONELE_INZET,
                    "3000.00",
                    "2022-07-01",
                    null,
                    COORDINATOR);
            fixture.given(law(BUDGET, START, WIDENING, uitvoering))
                    .when(all)
                    .expectEvents(recorded(all, List.of(BudgetType.UITVOERINGSKOSTEN), "uitvoering", false));
            fixture.given(law(BUDGET, START, WIDENING, uitvoering))
                    .when(reserve(
                            id(1),
                            BudgetType.UITVOERINGSKOSTEN,
                            MenuItem.PERSONELE_INZET,
                            "3000.01",
                            "2022-07-01",
                            null,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void freesWhatACommitmentLeavesOfItsReservation() {
            List<Object> history = with(
                    law(),
                    reserved(id(1), "5000.00", COORDINATOR),
                    reserved(id(2), "5000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), id(2), eur("3000.00"), eur("2000.00"), null, STEP, COORDINATOR));
            ReserveBudget exactlyTheRest = scholing(id(3), "2000.00", COORDINATOR);
            fixture.given(history).when(exactlyTheRest).expectEvents(recorded(exactlyTheRest));
            fixture.given(history)
                    .when(scholing(id(3), "2000.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void countsAPartnersRequestBeforeItIsApproved() {
            fixture.given(with(law(), reserved(id(1), "5000.00", PARTNER), reserved(id(2), "5000.00", PARTNER)))
                    .when(scholing(id(3), "0.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void letsAMergedCapReplaceTheSeparateCapsItMerges() {
            BudgetId budget2023 = BUDGET_2023;
            Amendment apart = amendment(
                    "apart",
                    LocalDate.of(2021, 3, 26),
                    LocalDate.of(2024, 12, 31),
                    List.of(
                            new CapSetting(2023, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00")),
                            new CapSetting(2023, List.of(BudgetType.PRAKTIJKLEREN), eur("1000000.00")),
                            new CapSetting(2023, List.of(BudgetType.WERKFITBEHOUD), eur("1000000.00"))),
                    List.of(
                            new AllocationSetting(
                                    RIJNMOND, 2023, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("10000.00")),
                            new AllocationSetting(RIJNMOND, 2023, List.of(BudgetType.PRAKTIJKLEREN), eur("10000.00")),
                            new AllocationSetting(RIJNMOND, 2023, List.of(BudgetType.WERKFITBEHOUD), eur("10000.00"))),
                    List.of(
                            MenuSetting.maximum(MenuItem.SCHOLING, eur("5000.00")),
                            MenuSetting.guidePrice(MenuItem.MBO_DIPLOMA, eur("2050.00"))));
            Amendment samen = amendment(
                    "samen",
                    LocalDate.of(2022, 7, 1),
                    null,
                    List.of(new CapSetting(2023, MERGED, eur("21000000.00"))),
                    List.of(new AllocationSetting(RIJNMOND, 2023, MERGED, eur("6000.00"))),
                    List.of());
            ReservationId a = ReservationId.of(budget2023, new UUID(2, 1));
            ReservationId b = ReservationId.of(budget2023, new UUID(2, 2));
            ReserveBudget scholing = reserve(
                    a,
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "5000.00",
                    "2023-02-01",
                    candidate("cand-s"),
                    COORDINATOR);
            List<Object> history = with(
                    law(budget2023, apart, samen),
                    recorded(scholing, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), "apart", false));
            fixture.given(history)
                    .when(reserve(
                            b,
                            BudgetType.PRAKTIJKLEREN,
                            MenuItem.MBO_DIPLOMA,
                            "1000.01",
                            "2023-02-01",
                            candidate("cand-p"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED))
                    .expectNoEvents();
            ReserveBudget rest = reserve(
                    b,
                    BudgetType.PRAKTIJKLEREN,
                    MenuItem.MBO_DIPLOMA,
                    "1000.00",
                    "2023-02-01",
                    candidate("cand-p"),
                    COORDINATOR);
            fixture.given(history).when(rest).expectEvents(recorded(rest, MERGED, "samen", false));
        }

        @Test
        void drawsTheThreeInterventionTypesOfAMergedCapFromOneLine() {
            ReservationId a = ReservationId.of(BUDGET_2023, new UUID(1, 1));
            ReservationId b = ReservationId.of(BUDGET_2023, new UUID(1, 2));
            ReservationId c = ReservationId.of(BUDGET_2023, new UUID(1, 3));
            Candidate werkfit = new Candidate(new CandidateRef("w-1"), TargetGroup.WAJONG, null, true);
            fixture.given(law(BUDGET_2023, START, WIDENING))
                    .when(reserve(
                            a,
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "5000.00",
                            "2023-05-01",
                            candidate("m-1"),
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            List<Object> history = new ArrayList<>(law(BUDGET_2023, START, WIDENING));
            history.add(new BudgetReserved(
                    BUDGET_2023.value(),
                    a,
                    BUDGET_2023,
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    eur("5000.00"),
                    TestVault.idOf(candidate("m-1")),
                    TestVault.groupOf(candidate("m-1")),
                    LocalDate.of(2023, 5, 1),
                    TestVault.sealedOf(candidate("m-1"), null),
                    ReservationStatus.RESERVED,
                    MERGED,
                    "start",
                    false,
                    TestVault.INSTANCE.fingerprint("f-a"),
                    COORDINATOR));
            history.add(new BudgetReserved(
                    BUDGET_2023.value(),
                    b,
                    BUDGET_2023,
                    BudgetType.PRAKTIJKLEREN,
                    MenuItem.MBO_DIPLOMA,
                    eur("2000.00"),
                    TestVault.idOf(candidate("m-2")),
                    TestVault.groupOf(candidate("m-2")),
                    LocalDate.of(2023, 5, 1),
                    TestVault.sealedOf(candidate("m-2"), null),
                    ReservationStatus.RESERVED,
                    MERGED,
                    "start",
                    false,
                    TestVault.INSTANCE.fingerprint("f-b"),
                    COORDINATOR));
            fixture.given(history)
                    .when(reserve(
                            c,
                            BudgetType.WERKFITBEHOUD,
                            MenuItem.JOBCOACHING,
                            "1000.01",
                            "2023-05-01",
                            werkfit,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
            ReserveBudget last = reserve(
                    c, BudgetType.WERKFITBEHOUD, MenuItem.JOBCOACHING, "1000.00", "2023-05-01", werkfit, COORDINATOR);
            fixture.given(history)
                    .when(last)
                    .expectEvents(new BudgetReserved(
                            BUDGET_2023.value(),
                            c,
                            BUDGET_2023,
                            BudgetType.WERKFITBEHOUD,
                            MenuItem.JOBCOACHING,
                            eur("1000.00"),
                            TestVault.idOf(werkfit),
                            TestVault.groupOf(werkfit),
                            LocalDate.of(2023, 5, 1),
                            TestVault.sealedOf(werkfit, null),
                            ReservationStatus.RESERVED,
                            MERGED,
                            "start",
                            false,
                            TestVault.INSTANCE.fingerprint(last.fingerprint()),
                            COORDINATOR));
        }
    }

    @Nested
    class ARetroactiveCut {

        private final Amendment cut = new Amendment(
                "cut",
                "Verlaagd",
                null,
                null,
                LocalDate.of(2022, 1, 1),
                null,
                List.of(),
                List.of(new AllocationSetting(
                        RIJNMOND, 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("2000.00"))),
                List.of(),
                null);
        private final ReservationId committed = id(1);

        private List<Object> usedThenCut() {
            List<Object> history = with(
                    law(),
                    reserved(committed, "4000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), committed, eur("3000.00"), eur("1000.00"), null, STEP, COORDINATOR));
            history.addAll(law(BUDGET, cut));
            return history;
        }

        @Test
        void reportsTheLineOverspentWithTheAmendmentsId() {
            List<Object> before = with(
                    law(),
                    reserved(committed, "4000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), committed, eur("3000.00"), eur("1000.00"), null, STEP, COORDINATOR));
            fixture.given(before)
                    .when(adoptInRijnmond2022(START, WIDENING, cut))
                    .expectEvents(
                            new AmendmentAdopted(BUDGET.value(), BUDGET, cut.forBudget(RIJNMOND, 2022), SYSTEM),
                            aanvullendOverspent(eur("2000.00"), eur("3000.00"), "cut"));
        }

        @Test
        void adoptsEachAmendmentOnceAndReportsOnce() {
            List<Object> history = usedThenCut();
            history.add(aanvullendOverspent(eur("2000.00"), eur("3000.00"), "cut"));
            fixture.given(history)
                    .when(adoptInRijnmond2022(START, WIDENING, cut))
                    .expectNoEvents();
        }

        @Test
        void refusesNewReservationsOnTheOverspentLine() {
            fixture.given(usedThenCut())
                    .when(scholing(id(2), "0.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
        }

        @Test
        void stillAcceptsPaymentsAndReleasesOfExistingCommitments() {
            fixture.given(usedThenCut())
                    .when(RegisterPayment.of(
                            committed,
                            new PaymentId("p-1"),
                            eur("1000.00"),
                            LocalDate.of(2022, 7, 10),
                            null,
                            null,
                            KASSIER))
                    .expectSuccessfulHandlerExecution();
            fixture.given(usedThenCut())
                    .when(ReleaseReservation.of(committed, new Reason("klaar"), STEP, COORDINATOR))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            committed,
                            eur("3000.00"),
                            new Reason("klaar"),
                            ReservationStatus.RELEASED,
                            STEP,
                            COORDINATOR));
        }

        @Test
        void stillAcceptsACommitmentOfAtMostTheReservedAmount() {
            ReservationId open = id(2);
            List<Object> history = with(
                    law(),
                    reserved(committed, "4000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), committed, eur("3000.00"), eur("1000.00"), null, STEP, COORDINATOR),
                    reserved(open, "1000.00", COORDINATOR));
            history.addAll(law(BUDGET, cut));
            fixture.given(history)
                    .when(CommitReservation.of(open, eur("1000.00"), new Reference("opdracht"), STEP, COORDINATOR))
                    .expectEvents(new ReservationCommitted(
                            BUDGET.value(),
                            open,
                            eur("1000.00"),
                            Money.ZERO,
                            new Reference("opdracht"),
                            STEP,
                            COORDINATOR));
            fixture.given(history)
                    .when(CommitReservation.of(open, eur("1000.01"), new Reference("opdracht"), STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.AMOUNT_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void paysAnExistingCommitmentInFullOnAnOverspentLine() {
            fixture.given(usedThenCut())
                    .when(RegisterPayment.of(
                            committed, new PaymentId("p-1"), eur("3000.00"), STEP, null, null, KASSIER))
                    .expectEvents(new PaymentRegistered(
                            BUDGET.value(),
                            committed,
                            new PaymentId("p-1"),
                            eur("3000.00"),
                            STEP,
                            null,
                            null,
                            RegisterPayment.of(
                                            committed, new PaymentId("p-1"), eur("3000.00"), STEP, null, null, KASSIER)
                                    .fingerprint(),
                            ReservationStatus.PAID,
                            KASSIER));
        }

        @Test
        void reportsALineOverspentAtZeroWhenANewTableLeavesTheRegionOut() {
            Amendment elsewhere = amendment(
                    "elders",
                    LocalDate.of(2022, 1, 1),
                    null,
                    List.of(),
                    List.of(new AllocationSetting(
                            new RegionCode("twente"),
                            2022,
                            List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                            eur("10000.00"))),
                    List.of());
            fixture.given(with(law(), reserved(committed, "4000.00", COORDINATOR)))
                    .when(adoptInRijnmond2022(START, WIDENING, elsewhere))
                    .expectEvents(
                            new AmendmentAdopted(BUDGET.value(), BUDGET, elsewhere.forBudget(RIJNMOND, 2022), SYSTEM),
                            aanvullendOverspent(Money.ZERO, eur("4000.00"), "elders"));
        }

        /** A 2022 cap merging two types, and a later one that sets a cap on only one of them. */
        private final Amendment merged = amendment(
                "samengevoegd",
                LocalDate.of(2022, 1, 1),
                null,
                List.of(new CapSetting(
                        2022,
                        List.of(BudgetType.AANVULLENDE_DIENSTVERLENING, BudgetType.WERKFITBEHOUD),
                        eur("1000000.00"))),
                List.of(new AllocationSetting(
                        RIJNMOND,
                        2022,
                        List.of(BudgetType.AANVULLENDE_DIENSTVERLENING, BudgetType.WERKFITBEHOUD),
                        eur("10000.00"))),
                List.of());

        private final Amendment split = amendment(
                "gesplitst",
                LocalDate.of(2022, 2, 1),
                null,
                List.of(new CapSetting(2022, List.of(BudgetType.WERKFITBEHOUD), eur("500000.00"))),
                List.of(new AllocationSetting(RIJNMOND, 2022, List.of(BudgetType.WERKFITBEHOUD), eur("5000.00"))),
                List.of());

        @Test
        void reportsUseLeftUnderNoCapByASplitOfAMergedCapAsOverspentAtZero() {
            List<Object> history = with(law(), law(BUDGET, merged).get(0), reserved(committed, "4000.00", COORDINATOR));
            fixture.given(history)
                    .when(adoptInRijnmond2022(START, WIDENING, merged, split))
                    .expectEvents(
                            new AmendmentAdopted(BUDGET.value(), BUDGET, split.forBudget(RIJNMOND, 2022), SYSTEM),
                            aanvullendOverspent(Money.ZERO, eur("4000.00"), null));
        }

        @Test
        void reportsUncappedUseOnceAndRefusesMoreOfIt() {
            List<Object> history = with(law(), law(BUDGET, merged).get(0), reserved(committed, "4000.00", COORDINATOR));
            history.addAll(law(BUDGET, split));
            history.add(aanvullendOverspent(Money.ZERO, eur("4000.00"), null));
            Amendment later = amendment("later", LocalDate.of(2022, 3, 1), null, List.of(), List.of(), List.of());
            fixture.given(history)
                    .when(adoptInRijnmond2022(START, WIDENING, merged, split, later))
                    .expectEvents(
                            new AmendmentAdopted(BUDGET.value(), BUDGET, later.forBudget(RIJNMOND, 2022), SYSTEM));
            fixture.given(history)
                    .when(scholing(id(2), "0.01", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
        }

        @Test
        void reportsADeeperCutByANewAmendmentAgain() {
            Amendment deeper = amendment(
                    "dieper",
                    LocalDate.of(2022, 2, 1),
                    null,
                    List.of(),
                    List.of(new AllocationSetting(
                            RIJNMOND, 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000.00"))),
                    List.of());
            List<Object> history = usedThenCut();
            history.add(aanvullendOverspent(eur("2000.00"), eur("3000.00"), "cut"));
            fixture.given(history)
                    .when(adoptInRijnmond2022(START, WIDENING, cut, deeper))
                    .expectEvents(
                            new AmendmentAdopted(BUDGET.value(), BUDGET, deeper.forBudget(RIJNMOND, 2022), SYSTEM),
                            aanvullendOverspent(eur("1000.00"), eur("3000.00"), "dieper"));
        }

        @Test
        void reportsNothingWhenACutLeavesEnoughForWhatIsUsed() {
            Amendment mild = amendment(
                    "mild",
                    LocalDate.of(2022, 1, 1),
                    null,
                    List.of(),
                    List.of(new AllocationSetting(
                            RIJNMOND, 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("3000.00"))),
                    List.of());
            fixture.given(with(
                            law(),
                            reserved(committed, "4000.00", COORDINATOR),
                            new ReservationCommitted(
                                    BUDGET.value(),
                                    committed,
                                    eur("3000.00"),
                                    eur("1000.00"),
                                    null,
                                    STEP,
                                    COORDINATOR)))
                    .when(adoptInRijnmond2022(START, WIDENING, mild))
                    .expectEvents(new AmendmentAdopted(BUDGET.value(), BUDGET, mild.forBudget(RIJNMOND, 2022), SYSTEM));
        }

        @Test
        void createsABudgetFromTheFirstAmendmentsItIsTold() {
            fixture.givenNoPriorActivity()
                    .when(adoptInRijnmond2022(START, WIDENING))
                    .expectEvents(law().toArray());
        }
    }

    @Nested
    class SchemePeriodEligibilityAndMenu {

        @Test
        void refusesADateOutsideTheSchemeAndAcceptsItsLastDay() {
            BudgetId budget2021 = new BudgetId(RIJNMOND, 2021);
            BudgetId budget2024 = new BudgetId(RIJNMOND, 2024);
            fixture.given(law(budget2021, START, WIDENING, SCHEME_YEARS))
                    .when(reserve(
                            ReservationId.of(budget2021, new UUID(0, 1)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2021-03-25",
                            candidate("cand-a"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME));
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(law(budget2024, START, WIDENING, SCHEME_YEARS))
                    .when(reserve(
                            ReservationId.of(budget2024, new UUID(0, 1)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2025-01-01",
                            candidate("cand-a"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME));
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(law(budget2024, START, WIDENING, SCHEME_YEARS))
                    .when(reserve(
                            ReservationId.of(budget2024, new UUID(0, 1)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2024-12-31",
                            candidate("cand-a"),
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void judgesTheCovidReferenceDateByTheRulesOnTheMeldingsDate() {
            Candidate lostIn2019 =
                    new Candidate(new CandidateRef("cand-x"), TargetGroup.WW, LocalDate.of(2019, 5, 1), false);
            Candidate lostOnTheDay =
                    new Candidate(new CandidateRef("cand-y"), TargetGroup.WW, LocalDate.of(2020, 3, 12), false);
            Candidate noDate = new Candidate(new CandidateRef("cand-z"), TargetGroup.WERKEND, null, false);
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-03-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE))
                    .expectNoEvents();
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-07-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-03-01",
                            lostOnTheDay,
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-03-01",
                            noDate,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE));
        }

        @Test
        void allowsWerkfitbehoudOnlyForTheDoelgroepBanenafspraak() {
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.WERKFITBEHOUD,
                            MenuItem.JOBCOACHING,
                            "100.00",
                            "2022-07-01",
                            candidate("cand-w"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.WERKFITBEHOUD,
                            MenuItem.JOBCOACHING,
                            "100.00",
                            "2022-07-01",
                            new Candidate(new CandidateRef("cand-w"), TargetGroup.WAJONG, null, true),
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesAboveAMenuMaximumPerCandidateAndAcceptsExactlyIt() {
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MATCHING,
                            "3200.01",
                            "2022-07-01",
                            candidate("cand-m"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.ABOVE_MENU_MAXIMUM));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MATCHING,
                            "3200.00",
                            "2022-07-01",
                            candidate("cand-m"),
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            BudgetReserved first = new BudgetReserved(
                    BUDGET.value(),
                    id(1),
                    BUDGET,
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.MATCHING,
                    eur("2000.00"),
                    TestVault.idOf(candidate("cand-m")),
                    TestVault.groupOf(candidate("cand-m")),
                    LocalDate.of(2022, 7, 1),
                    TestVault.sealedOf(candidate("cand-m"), null),
                    ReservationStatus.RESERVED,
                    List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                    "start",
                    false,
                    TestVault.INSTANCE.fingerprint("f"),
                    COORDINATOR);
            fixture.given(with(law(), first))
                    .when(reserve(
                            id(2),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MATCHING,
                            "1200.01",
                            "2022-07-01",
                            candidate("cand-m"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.ABOVE_MENU_MAXIMUM));
        }

        @Test
        void acceptsAboveAGuidePriceWithAWarning() {
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.PRAKTIJKLEREN,
                            MenuItem.MBO_DIPLOMA,
                            "2050.01",
                            "2022-07-01",
                            candidate("cand-p"),
                            COORDINATOR))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(new ReservationReceipt(
                            id(1), ReservationStatus.RESERVED, List.of(ReservationReceipt.ABOVE_GUIDE_PRICE)));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.PRAKTIJKLEREN,
                            MenuItem.MBO_DIPLOMA,
                            "2050.00",
                            "2022-07-01",
                            candidate("cand-p"),
                            COORDINATOR))
                    .expectResultMessagePayload(new ReservationReceipt(id(1), ReservationStatus.RESERVED, List.of()));
        }

        @Test
        void checksSchemeThenEligibilityThenMenuThenCap() {
            Candidate lostIn2019 =
                    new Candidate(new CandidateRef("cand-o"), TargetGroup.WW, LocalDate.of(2019, 5, 1), false);
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "99999.00",
                            "2021-01-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "99999.00",
                            "2022-03-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "99999.00",
                            "2022-07-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.ABOVE_MENU_MAXIMUM));
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MAATWERKBUDGET,
                            "99999.00",
                            "2022-07-01",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
        }

        @Test
        void acceptsTheFirstDayOfTheScheme() {
            BudgetId budget2021 = new BudgetId(RIJNMOND, 2021);
            ReserveBudget firstDay = reserve(
                    ReservationId.of(budget2021, new UUID(0, 1)),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "100.00",
                    "2021-03-26",
                    candidate("cand-a"),
                    COORDINATOR);
            fixture.given(law(budget2021, START, WIDENING, SCHEME_YEARS))
                    .when(firstDay)
                    .expectEvents(recorded(firstDay, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), "jaren", false));
        }

        @Test
        void refusesAMeldingDatedInAnotherYearThanItsBudget() {
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2021-12-31",
                            candidate("cand-a"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectExceptionMessage("a melding dated 2021-12-31 belongs to the budget of 2021, not of 2022")
                    .expectNoEvents();
        }

        @Test
        void refusesABudgetYearOutsideTheSchemeYears() {
            BudgetId budget2025 = new BudgetId(RIJNMOND, 2025);
            fixture.given(law(budget2025, START, WIDENING))
                    .when(new ReserveBudget(
                            ReservationId.of(budget2025, new UUID(3, 1)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            eur("100.00"),
                            candidate("cand-a"),
                            LocalDate.of(2024, 6, 1),
                            null,
                            true,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectNoEvents();
            BudgetId budget2020 = new BudgetId(RIJNMOND, 2020);
            fixtureOn(LocalDate.of(2022, 7, 15))
                    .given(law(budget2020, START, WIDENING))
                    .when(new ReserveBudget(
                            ReservationId.of(budget2020, new UUID(3, 2)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            eur("100.00"),
                            candidate("cand-a"),
                            LocalDate.of(2021, 6, 1),
                            null,
                            true,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectNoEvents();
        }

        @Test
        void treatsTheSchemesLastYearAsInsideIt() {
            BudgetId budget2024 = new BudgetId(RIJNMOND, 2024);
            // No 2024 cap is in force: passing the scheme check, the request meets the cap check.
            fixture.given(law(budget2024, START, WIDENING))
                    .when(new ReserveBudget(
                            ReservationId.of(budget2024, new UUID(3, 3)),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            eur("100.00"),
                            candidate("cand-a"),
                            LocalDate.of(2024, 6, 1),
                            null,
                            true,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.CAP_EXCEEDED));
        }

        @Test
        void usesTheSchemeEndInForceToday() {
            Amendment until2022 = new Amendment(
                    "start",
                    "Start",
                    null,
                    null,
                    START.effectiveFrom(),
                    LocalDate.of(2022, 12, 31),
                    START.caps(),
                    START.allocations(),
                    START.menu(),
                    START.eligibility());
            Amendment extended = amendment(
                    "wijziging-7",
                    LocalDate.of(2023, 1, 1),
                    LocalDate.of(2024, 12, 31),
                    List.of(),
                    List.of(),
                    List.of());
            List<Object> history = law(BUDGET, until2022, WIDENING, extended);
            ReserveBudget lastDay = reserve(
                    id(1),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "100.00",
                    "2022-12-31",
                    candidate("cand-a"),
                    COORDINATOR);
            fixture.given(history).when(lastDay).expectEvents(recorded(lastDay));
            // The day after falls in the next year, so on that year's budget (one merged line there).
            List<Object> history2023 = law(BUDGET_2023, until2022, WIDENING, extended);
            ReserveBudget dayAfter = reserve(
                    ReservationId.of(BUDGET_2023, new UUID(0, 1)),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "100.00",
                    "2023-01-01",
                    candidate("cand-a"),
                    COORDINATOR);
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(history2023)
                    .when(dayAfter)
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2023, 1, 2))
                    .given(history2023)
                    .when(dayAfter)
                    .expectEvents(recorded(dayAfter, MERGED, "start", false));
        }

        @Test
        void judgesTheCovidReferenceDateAtItsBoundaries() {
            Candidate lostTheDayBefore =
                    new Candidate(new CandidateRef("cand-d"), TargetGroup.WW, LocalDate.of(2020, 3, 11), false);
            Candidate lostIn2019 =
                    new Candidate(new CandidateRef("cand-x"), TargetGroup.WW, LocalDate.of(2019, 5, 1), false);
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-03-01",
                            lostTheDayBefore,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE))
                    .expectNoEvents();
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.SCHOLING,
                            "100.00",
                            "2022-05-31",
                            lostIn2019,
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE))
                    .expectNoEvents();
            ReserveBudget onTheDayOfTheWidening = reserve(
                    id(1),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "100.00",
                    "2022-06-01",
                    lostIn2019,
                    COORDINATOR);
            fixture.given(law()).when(onTheDayOfTheWidening).expectEvents(recorded(onTheDayOfTheWidening));
        }

        @Test
        void recordsThatAGuidePriceIsExceededInTheEvent() {
            ReserveBudget above = reserve(
                    id(1),
                    BudgetType.PRAKTIJKLEREN,
                    MenuItem.MBO_DIPLOMA,
                    "2050.01",
                    "2022-07-01",
                    candidate("cand-p"),
                    PARTNER);
            fixture.given(law())
                    .when(above)
                    .expectEvents(recorded(above, List.of(BudgetType.PRAKTIJKLEREN), "start", true))
                    .expectResultMessagePayload(new ReservationReceipt(
                            id(1), ReservationStatus.REQUESTED, List.of(ReservationReceipt.ABOVE_GUIDE_PRICE)));
            fixture.given(with(law(), recorded(above, List.of(BudgetType.PRAKTIJKLEREN), "start", true)))
                    .when(above)
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReservationReceipt(
                            id(1), ReservationStatus.REQUESTED, List.of(ReservationReceipt.ABOVE_GUIDE_PRICE)));
        }

        @Test
        void addsUpACandidatesReservationsAgainstTheGuidePrice() {
            ReserveBudget first = reserve(
                    id(1),
                    BudgetType.PRAKTIJKLEREN,
                    MenuItem.MBO_DIPLOMA,
                    "1500.00",
                    "2022-07-01",
                    candidate("cand-p"),
                    COORDINATOR);
            ReserveBudget second = reserve(
                    id(2),
                    BudgetType.PRAKTIJKLEREN,
                    MenuItem.MBO_DIPLOMA,
                    "600.00",
                    "2022-07-01",
                    candidate("cand-p"),
                    COORDINATOR);
            fixture.given(with(law(), recorded(first, List.of(BudgetType.PRAKTIJKLEREN), "start", false)))
                    .when(second)
                    .expectEvents(recorded(second, List.of(BudgetType.PRAKTIJKLEREN), "start", true));
        }

        @Test
        void countsTheMenuMaximumPerCandidateOnly() {
            ReserveBudget forM = reserve(
                    id(1),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.MATCHING,
                    "3200.00",
                    "2022-07-01",
                    candidate("cand-m"),
                    COORDINATOR);
            ReserveBudget forN = reserve(
                    id(2),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.MATCHING,
                    "3200.00",
                    "2022-07-01",
                    candidate("cand-n"),
                    COORDINATOR);
            fixture.given(with(law(), recorded(forM))).when(forN).expectEvents(recorded(forN));
        }

        @Test
        void givesACandidateTheMenuRoomOfARejectedReservationBack() {
            ReserveBudget requested = reserve(
                    id(1),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.MATCHING,
                    "3200.00",
                    "2022-07-01",
                    candidate("cand-m"),
                    PARTNER);
            ReserveBudget again = reserve(
                    id(2),
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.MATCHING,
                    "3200.00",
                    "2022-07-01",
                    candidate("cand-m"),
                    COORDINATOR);
            fixture.given(with(
                            law(),
                            recorded(requested),
                            new ReservationRejected(
                                    BUDGET.value(), id(1), eur("3200.00"), new Reason("nee"), STEP, COORDINATOR)))
                    .when(again)
                    .expectEvents(recorded(again));
            fixture.given(with(law(), recorded(requested)))
                    .when(reserve(
                            id(2),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MATCHING,
                            "0.01",
                            "2022-07-01",
                            candidate("cand-m"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.ABOVE_MENU_MAXIMUM))
                    .expectNoEvents();
        }

        @Test
        void checksEligibilityBeforeTheMenuAndTheMenuBeforeTheCap() {
            // Above the menu maximum, above the cap, and werkfitbehoud without the banenafspraak: eligibility answers.
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.WERKFITBEHOUD,
                            MenuItem.JOBCOACHING,
                            "99999.00",
                            "2022-07-01",
                            candidate("cand-w"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_ELIGIBLE))
                    .expectNoEvents();
            // Above the menu maximum and above what the cap leaves: the menu answers.
            fixture.given(with(law(), reserved(id(2), "5000.00", COORDINATOR), reserved(id(3), "5000.00", COORDINATOR)))
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MATCHING,
                            "3200.01",
                            "2022-07-01",
                            candidate("cand-m"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.ABOVE_MENU_MAXIMUM))
                    .expectNoEvents();
        }
    }

    /** The law's dates on every step after the melding (contract 1.1: legal dates). */
    @Nested
    class TheLawsDates {

        private final BudgetId budget2024 = new BudgetId(RIJNMOND, 2024);
        private final ReservationId late = ReservationId.of(budget2024, new UUID(24, 1));
        /** The regeling lapsed after 2024-12-31; the kassier works on in 2025. */
        private final LocalDate afterTheEnd = LocalDate.of(2025, 3, 1);

        private List<Object> requested() {
            return with(law(), reserved(id(1), "2500.00", PARTNER));
        }

        private List<Object> committed() {
            return with(
                    requested(),
                    new ReservationApproved(BUDGET.value(), id(1), eur("2500.00"), STEP, COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(),
                            id(1),
                            eur("2500.00"),
                            Money.ZERO,
                            null,
                            LocalDate.of(2022, 7, 20),
                            PARTNER));
        }

        /** A melding of 2024-12-01 on the 2024 budget, requested by a partner. */
        private List<Object> requestedLate(Amendment... more) {
            List<Amendment> amendments = new ArrayList<>(List.of(START, WIDENING, SCHEME_YEARS));
            amendments.addAll(List.of(more));
            ReserveBudget melding = reserve(
                    late,
                    BudgetType.AANVULLENDE_DIENSTVERLENING,
                    MenuItem.SCHOLING,
                    "1000.00",
                    "2024-12-01",
                    candidate("cand-late"),
                    PARTNER);
            return with(
                    law(budget2024, amendments.toArray(Amendment[]::new)),
                    recorded(melding, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), "jaren", false));
        }

        @Test
        void approvesOnTheMeldingsDayAndOnTodayButNeverBeforeNorAfter() {
            fixture.given(requested())
                    .when(ApproveReservation.of(id(1), LocalDate.of(2022, 7, 1), COORDINATOR))
                    .expectEvents(new ReservationApproved(
                            BUDGET.value(), id(1), eur("2500.00"), LocalDate.of(2022, 7, 1), COORDINATOR));
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(requested())
                    .when(ApproveReservation.of(id(1), LocalDate.of(2022, 8, 15), COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(requested())
                    .when(ApproveReservation.of(id(1), LocalDate.of(2022, 6, 30), COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectExceptionMessage(
                            "an approval dated 2022-06-30 would come before the reservation's step of 2022-07-01")
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(requested())
                    .when(ApproveReservation.of(id(1), LocalDate.of(2022, 8, 16), COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
        }

        @Test
        void commitsNeverBeforeTheApproval() {
            List<Object> approved = with(
                    requested(),
                    new ReservationApproved(
                            BUDGET.value(), id(1), eur("2500.00"), LocalDate.of(2022, 7, 12), COORDINATOR));
            fixture.given(approved)
                    .when(CommitReservation.of(id(1), eur("2500.00"), null, LocalDate.of(2022, 7, 11), PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(approved)
                    .when(CommitReservation.of(id(1), eur("2500.00"), null, LocalDate.of(2022, 7, 12), PARTNER))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void paysNeverBeforeTheCommitmentNorInTheFuture() {
            fixture.given(committed())
                    .when(RegisterPayment.of(
                            id(1), new PaymentId("p-1"), eur("100.00"), LocalDate.of(2022, 7, 19), null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(committed())
                    .when(RegisterPayment.of(
                            id(1), new PaymentId("p-1"), eur("100.00"), LocalDate.of(2022, 8, 16), null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(committed())
                    .when(RegisterPayment.of(
                            id(1), new PaymentId("p-1"), eur("100.00"), LocalDate.of(2022, 7, 20), null, null, KASSIER))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesANewObligationDatedAfterTheSchemeEnd() {
            fixtureOn(afterTheEnd)
                    .given(requestedLate())
                    .when(ApproveReservation.of(late, LocalDate.of(2025, 1, 1), COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectExceptionMessage("the scheme ended on 2024-12-31: no approval may be dated 2025-01-01")
                    .expectNoEvents();
            fixtureOn(afterTheEnd)
                    .given(requestedLate())
                    .when(ApproveReservation.of(late, LocalDate.of(2024, 12, 31), COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            List<Object> approved = with(
                    requestedLate(),
                    new ReservationApproved(
                            budget2024.value(), late, eur("1000.00"), LocalDate.of(2024, 12, 20), COORDINATOR));
            fixtureOn(afterTheEnd)
                    .given(approved)
                    .when(CommitReservation.of(late, eur("1000.00"), null, afterTheEnd, PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectNoEvents();
            fixtureOn(afterTheEnd)
                    .given(approved)
                    .when(CommitReservation.of(late, eur("1000.00"), null, LocalDate.of(2024, 12, 31), PARTNER))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void rejectsAndReleasesAfterTheSchemeEnd() {
            fixtureOn(afterTheEnd)
                    .given(requestedLate())
                    .when(RejectReservation.of(late, new Reason("te laat"), afterTheEnd, COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            fixtureOn(afterTheEnd)
                    .given(with(
                            requestedLate(),
                            new ReservationApproved(
                                    budget2024.value(), late, eur("1000.00"), LocalDate.of(2024, 12, 20), COORDINATOR)))
                    .when(ReleaseReservation.of(late, new Reason("vrijval"), afterTheEnd, COORDINATOR))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void paysACommitmentAfterTheSchemeEndUpToThePaymentsEnd() {
            Amendment paymentsEnd = new Amendment(
                    "betalingen",
                    "Einde betalingen",
                    null,
                    null,
                    LocalDate.of(2025, 1, 1),
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    LocalDate.of(2025, 2, 28));
            ReservationCommitted commitment = new ReservationCommitted(
                    budget2024.value(), late, eur("1000.00"), Money.ZERO, null, LocalDate.of(2024, 12, 20), PARTNER);
            List<Object> open = with(requestedLate(), approvedLate(), commitment);
            fixtureOn(afterTheEnd)
                    .given(open)
                    .when(RegisterPayment.of(
                            late, new PaymentId("p-late"), eur("400.00"), afterTheEnd, null, null, KASSIER))
                    .expectSuccessfulHandlerExecution();
            List<Object> ending = with(requestedLate(paymentsEnd), approvedLate(), commitment);
            fixtureOn(afterTheEnd)
                    .given(ending)
                    .when(RegisterPayment.of(
                            late,
                            new PaymentId("p-late"),
                            eur("400.00"),
                            LocalDate.of(2025, 3, 1),
                            null,
                            null,
                            KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.OUTSIDE_SCHEME))
                    .expectNoEvents();
            fixtureOn(afterTheEnd)
                    .given(ending)
                    .when(RegisterPayment.of(
                            late,
                            new PaymentId("p-late"),
                            eur("400.00"),
                            LocalDate.of(2025, 2, 28),
                            null,
                            null,
                            KASSIER))
                    .expectSuccessfulHandlerExecution();
        }

        private ReservationApproved approvedLate() {
            return new ReservationApproved(
                    budget2024.value(), late, eur("1000.00"), LocalDate.of(2024, 12, 10), COORDINATOR);
        }
    }

    /** Closing a budget year (the kassier) and its settlement (SZW), after the regeling lapsed. */
    @Nested
    class TheEndOfAYear {

        private final LocalDate today = LocalDate.of(2025, 3, 31);
        private final LocalDate closing = LocalDate.of(2025, 3, 1);
        private final Reason closed = new Reason("jaar 2022 afgesloten");
        private final Actor kassier = new Actor("kassier", "KASSIER", "UWV");

        /** One reservation in each open status: requested, reserved, committed, partly paid. */
        private List<Object> oneOfEach() {
            return with(
                    law(),
                    reserved(id(1), "1000.00", PARTNER),
                    reserved(id(2), "1000.00", COORDINATOR),
                    reserved(id(3), "1000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), id(3), eur("900.00"), eur("100.00"), null, STEP, COORDINATOR),
                    reserved(id(4), "1000.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), id(4), eur("1000.00"), Money.ZERO, null, STEP, COORDINATOR),
                    new PaymentRegistered(
                            BUDGET.value(),
                            id(4),
                            new PaymentId("p-4"),
                            eur("400.00"),
                            STEP,
                            null,
                            null,
                            "f",
                            ReservationStatus.PARTIALLY_PAID,
                            KASSIER));
        }

        private List<Object> closedYear() {
            return with(
                    oneOfEach(),
                    new ReservationRejected(BUDGET.value(), id(1), eur("1000.00"), closed, closing, kassier),
                    new ReservationReleased(
                            BUDGET.value(),
                            id(2),
                            eur("1000.00"),
                            closed,
                            ReservationStatus.RELEASED,
                            closing,
                            kassier),
                    new BudgetClosed(BUDGET.value(), BUDGET, closing, closed, kassier));
        }

        @Test
        void closingFreesWhatIsNotCommittedEachAsAStepOfItsOwn() {
            fixtureOn(today)
                    .given(oneOfEach())
                    .when(CloseBudget.of(BUDGET, closing, closed, kassier))
                    .expectEvents(
                            new ReservationRejected(BUDGET.value(), id(1), eur("1000.00"), closed, closing, kassier),
                            new ReservationReleased(
                                    BUDGET.value(),
                                    id(2),
                                    eur("1000.00"),
                                    closed,
                                    ReservationStatus.RELEASED,
                                    closing,
                                    kassier),
                            new BudgetClosed(BUDGET.value(), BUDGET, closing, closed, kassier))
                    .expectResultMessagePayload(new ClosingReceipt(BUDGET, BudgetStatus.CLOSED, 1, 1, eur("2000.00")));
        }

        @Test
        void aClosedYearTakesNoNewObligationButPaysAndReleasesItsCommitments() {
            fixtureOn(today)
                    .given(closedYear())
                    .when(scholing(id(9), "100.00", COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixtureOn(today)
                    .given(closedYear())
                    .when(CommitReservation.of(id(2), eur("100.00"), null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixtureOn(today)
                    .given(closedYear())
                    .when(RegisterPayment.of(id(3), new PaymentId("p-3"), eur("900.00"), today, null, null, KASSIER))
                    .expectSuccessfulHandlerExecution();
            fixtureOn(today)
                    .given(closedYear())
                    .when(ReleaseReservation.of(id(4), null, today, COORDINATOR))
                    .expectSuccessfulHandlerExecution();
            fixtureOn(today)
                    .given(closedYear())
                    .when(CloseBudget.of(BUDGET, today, closed, kassier))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        void aYearIsClosedOnceItIsOverAndNeverAhead() {
            fixtureOn(today)
                    .given(oneOfEach())
                    .when(CloseBudget.of(BUDGET, LocalDate.of(2022, 12, 31), closed, kassier))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            fixtureOn(today)
                    .given(oneOfEach())
                    .when(CloseBudget.of(BUDGET, today.plusDays(1), closed, kassier))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            fixtureOn(today)
                    .given(oneOfEach())
                    .when(CloseBudget.of(BUDGET, LocalDate.of(2023, 1, 1), closed, kassier))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void settlementReleasesWhatIsCommittedAndUnpaidAndThenNothingChanges() {
            fixtureOn(today)
                    .given(oneOfEach())
                    .when(SettleBudget.of(BUDGET, today, closed, SYSTEM))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            Reason settled = new Reason("vastgesteld");
            fixtureOn(today)
                    .given(closedYear())
                    .when(SettleBudget.of(BUDGET, today, settled, SYSTEM))
                    .expectEvents(
                            new ReservationReleased(
                                    BUDGET.value(),
                                    id(3),
                                    eur("900.00"),
                                    settled,
                                    ReservationStatus.RELEASED,
                                    today,
                                    SYSTEM),
                            new ReservationReleased(
                                    BUDGET.value(),
                                    id(4),
                                    eur("600.00"),
                                    settled,
                                    ReservationStatus.CLOSED,
                                    today,
                                    SYSTEM),
                            new BudgetSettled(BUDGET.value(), BUDGET, today, settled, SYSTEM))
                    .expectResultMessagePayload(new ClosingReceipt(BUDGET, BudgetStatus.SETTLED, 0, 2, eur("1500.00")));
            fixtureOn(today)
                    .given(closedYear())
                    .when(SettleBudget.of(BUDGET, closing.minusDays(1), settled, SYSTEM))
                    .expectException(rejectedWith(LedgerErrorCode.DATE_OUT_OF_ORDER))
                    .expectNoEvents();
            List<Object> settledYear =
                    with(closedYear(), new BudgetSettled(BUDGET.value(), BUDGET, today, settled, SYSTEM));
            fixtureOn(today)
                    .given(settledYear)
                    .when(RegisterPayment.of(id(3), new PaymentId("p-3"), eur("1.00"), today, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixtureOn(today)
                    .given(settledYear)
                    .when(SettleBudget.of(BUDGET, today, settled, SYSTEM))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }
    }

    /** Uitvoeringskosten are paid to UWV and the gemeenten only (seed 004, Bijlage 2 §8). */
    @Nested
    class WhoDrawsOnUitvoeringskosten {

        private final Amendment uitvoering = amendment(
                "uitvoering",
                LocalDate.of(2021, 3, 26),
                null,
                List.of(new CapSetting(2022, List.of(BudgetType.UITVOERINGSKOSTEN), eur("1000000.00"))),
                List.of(new AllocationSetting(RIJNMOND, 2022, List.of(BudgetType.UITVOERINGSKOSTEN), eur("10000.00"))),
                List.of());

        private ReserveBudget personeleInzet(Actor by, OrganisationType type) {
            return new ReserveBudget(
                    id(7),
                    BudgetType.UITVOERINGSKOSTEN,
                    MenuItem.PERSONELE_INZET,
                    eur("5000.00"),
                    null,
                    LocalDate.of(2022, 7, 1),
                    null,
                    by == COORDINATOR,
                    by,
                    type);
        }

        @Test
        void aUnionsPartnerMayNotButAGemeentesAndUwvsAndTheCoordinatorMay() {
            fixture.given(law(BUDGET, START, WIDENING, uitvoering))
                    .when(personeleInzet(PARTNER, OrganisationType.VAKBOND))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN))
                    .expectNoEvents();
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(law(BUDGET, START, WIDENING, uitvoering))
                    .when(personeleInzet(PARTNER, null))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN))
                    .expectNoEvents();
            for (OrganisationType allowed : List.of(OrganisationType.GEMEENTE, OrganisationType.UWV)) {
                fixtureOn(LocalDate.of(2022, 8, 15))
                        .given(law(BUDGET, START, WIDENING, uitvoering))
                        .when(personeleInzet(new Actor("partner", "PARTNER", "Partner"), allowed))
                        .expectSuccessfulHandlerExecution();
            }
            fixtureOn(LocalDate.of(2022, 8, 15))
                    .given(law(BUDGET, START, WIDENING, uitvoering))
                    .when(personeleInzet(COORDINATOR, null))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Input {

        @Test
        void refusesAMenuItemOfAnotherBudgetTypeBeforeAnyOtherCheck() {
            fixture.given(law())
                    .when(reserve(
                            id(1),
                            BudgetType.AANVULLENDE_DIENSTVERLENING,
                            MenuItem.MBO_DIPLOMA,
                            "100.00",
                            "2021-01-01",
                            candidate("cand-i"),
                            COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.VALIDATION_FAILED, "menuItem"))
                    .expectNoEvents();
        }
    }

    @Nested
    class TheLifeOfAReservation {

        private final ReservationId r = id(1);

        @Test
        void startsRequestedFromAPartnerAndReservedFromTheCoordinator() {
            fixture.given(law()).when(scholing(r, "2500.00", PARTNER)).expectEvents(reserved(r, "2500.00", PARTNER));
            fixture.given(law())
                    .when(scholing(r, "2500.00", COORDINATOR))
                    .expectEvents(reserved(r, "2500.00", COORDINATOR));
        }

        @Test
        void approvesOnceAndRejectsOnlyWhatIsRequested() {
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(ApproveReservation.of(r, STEP, COORDINATOR))
                    .expectEvents(new ReservationApproved(BUDGET.value(), r, eur("2500.00"), STEP, COORDINATOR));
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", PARTNER),
                            new ReservationApproved(BUDGET.value(), r, eur("2500.00"), STEP, COORDINATOR)))
                    .when(ApproveReservation.of(r, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(RejectReservation.of(r, new Reason("nee"), STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE));
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(RejectReservation.of(r, new Reason("nee"), STEP, COORDINATOR))
                    .expectEvents(new ReservationRejected(
                            BUDGET.value(), r, eur("2500.00"), new Reason("nee"), STEP, COORDINATOR));
        }

        @Test
        void commitsAtMostTheReservedAmountAndReleasesTheRest() {
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(CommitReservation.of(r, eur("2300.00"), new Reference("opdracht"), STEP, COORDINATOR))
                    .expectEvents(new ReservationCommitted(
                            BUDGET.value(),
                            r,
                            eur("2300.00"),
                            eur("200.00"),
                            new Reference("opdracht"),
                            STEP,
                            COORDINATOR));
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(CommitReservation.of(r, eur("2500.01"), null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.AMOUNT_EXCEEDED));
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(CommitReservation.of(r, eur("100.00"), null, STEP, PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE));
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", COORDINATOR),
                            new ReservationReleased(
                                    BUDGET.value(),
                                    r,
                                    eur("2500.00"),
                                    null,
                                    ReservationStatus.RELEASED,
                                    STEP,
                                    COORDINATOR)))
                    .when(CommitReservation.of(r, eur("100.00"), null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE));
        }

        private List<Object> committed() {
            return with(
                    law(),
                    reserved(r, "2500.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), r, eur("2300.00"), eur("200.00"), null, STEP, COORDINATOR));
        }

        @Test
        void paysUpToTheCommitmentAndNotOneCentMore() {
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(RegisterPayment.of(r, new PaymentId("p-0"), eur("1.00"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE));
            RegisterPayment first = RegisterPayment.of(
                    r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, null, KASSIER);
            fixture.given(committed())
                    .when(first)
                    .expectResultMessagePayload(new PaymentReceipt(
                            new PaymentId("p-1"), r, eur("1000.00"), ReservationStatus.PARTIALLY_PAID));
            PaymentRegistered firstPaid = new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    new PaymentId("p-1"),
                    eur("1000.00"),
                    LocalDate.of(2022, 8, 1),
                    null,
                    null,
                    first.fingerprint(),
                    ReservationStatus.PARTIALLY_PAID,
                    KASSIER);
            fixture.given(with(committed(), firstPaid))
                    .when(RegisterPayment.of(r, new PaymentId("p-2"), eur("1300.00"), STEP, null, null, KASSIER))
                    .expectResultMessagePayload(
                            new PaymentReceipt(new PaymentId("p-2"), r, eur("1300.00"), ReservationStatus.PAID));
            PaymentRegistered secondPaid = new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    new PaymentId("p-2"),
                    eur("1300.00"),
                    null,
                    null,
                    null,
                    "f2",
                    ReservationStatus.PAID,
                    KASSIER);
            fixture.given(with(committed(), firstPaid, secondPaid))
                    .when(RegisterPayment.of(r, new PaymentId("p-3"), eur("0.01"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.AMOUNT_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void closesAPartlyPaidReservationOnReleaseAndFreesTheUnpaidPart() {
            PaymentRegistered paid = new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    new PaymentId("p-1"),
                    eur("1000.00"),
                    null,
                    null,
                    null,
                    "f",
                    ReservationStatus.PARTIALLY_PAID,
                    KASSIER);
            fixture.given(with(committed(), paid))
                    .when(ReleaseReservation.of(r, new Reason("stopt"), STEP, COORDINATOR))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            r,
                            eur("1300.00"),
                            new Reason("stopt"),
                            ReservationStatus.CLOSED,
                            STEP,
                            COORDINATOR));
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(ReleaseReservation.of(r, null, STEP, PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE));
        }

        @Test
        void aPartnerNamedLikeTheCoordinatorOrOfItsOrganisationOwnsNothingTheCoordinatorReserved() {
            List<Object> reservedByCoordinator =
                    with(law(), reserved(r, "2500.00", new Actor("anna", "COORDINATOR", null)));
            fixture.given(reservedByCoordinator)
                    .when(CommitReservation.of(r, eur("100.00"), null, STEP, new Actor("anna", "PARTNER", "FNV")))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN))
                    .expectNoEvents();
            List<Object> reservedByCoordinatorOfAnOrganisation =
                    with(law(), reserved(r, "2500.00", new Actor("bert", "COORDINATOR", "Gemeente Rotterdam")));
            fixture.given(reservedByCoordinatorOfAnOrganisation)
                    .when(ReleaseReservation.of(
                            r, null, STEP, new Actor("gemeente-rotterdam", "PARTNER", "Gemeente Rotterdam")))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void letsAPartnerActOnlyOnWhatItsOwnOrganisationRequested() {
            List<Object> approved = with(
                    law(),
                    reserved(r, "2500.00", PARTNER),
                    new ReservationApproved(BUDGET.value(), r, eur("2500.00"), STEP, COORDINATOR));
            fixture.given(approved)
                    .when(CommitReservation.of(r, eur("100.00"), null, STEP, OTHER_PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN));
            fixture.given(approved)
                    .when(ReleaseReservation.of(r, null, STEP, OTHER_PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.FORBIDDEN));
            fixture.given(approved)
                    .when(CommitReservation.of(
                            r, eur("100.00"), null, STEP, new Actor("fnv-other-user", "PARTNER", "FNV")))
                    .expectSuccessfulHandlerExecution();
            fixture.given(approved)
                    .when(CommitReservation.of(r, eur("100.00"), null, STEP, COORDINATOR))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void releasesAReservedReservationInFull() {
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(ReleaseReservation.of(r, new Reason("geen plek"), STEP, COORDINATOR))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            r,
                            eur("2500.00"),
                            new Reason("geen plek"),
                            ReservationStatus.RELEASED,
                            STEP,
                            COORDINATOR));
        }

        @Test
        void releasesAnUnpaidCommitmentInFull() {
            fixture.given(committed())
                    .when(ReleaseReservation.of(r, new Reason("afgezegd"), STEP, COORDINATOR))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            r,
                            eur("2300.00"),
                            new Reason("afgezegd"),
                            ReservationStatus.RELEASED,
                            STEP,
                            COORDINATOR));
        }

        @Test
        void commitsTheWholeReservationReleasingNothing() {
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(CommitReservation.of(r, eur("2500.00"), null, STEP, COORDINATOR))
                    .expectEvents(new ReservationCommitted(
                            BUDGET.value(), r, eur("2500.00"), Money.ZERO, null, STEP, COORDINATOR));
        }

        @Test
        void refusesStepsAfterTheEnd() {
            PaymentRegistered paidInFull = new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    new PaymentId("p-1"),
                    eur("2300.00"),
                    null,
                    null,
                    null,
                    "f",
                    ReservationStatus.PAID,
                    KASSIER);
            fixture.given(with(committed(), paidInFull))
                    .when(ReleaseReservation.of(r, null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            ReservationReleased released = new ReservationReleased(
                    BUDGET.value(), r, eur("2300.00"), null, ReservationStatus.RELEASED, STEP, COORDINATOR);
            fixture.given(with(committed(), released))
                    .when(ReleaseReservation.of(r, null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(with(committed(), released))
                    .when(RegisterPayment.of(r, new PaymentId("p-1"), eur("1.00"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", PARTNER),
                            new ReservationRejected(
                                    BUDGET.value(), r, eur("2500.00"), new Reason("nee"), STEP, COORDINATOR)))
                    .when(ApproveReservation.of(r, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", PARTNER),
                            new ReservationRejected(
                                    BUDGET.value(), r, eur("2500.00"), new Reason("nee"), STEP, COORDINATOR)))
                    .when(RejectReservation.of(r, new Reason("nogmaals"), STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        void refusesToCommitMoreThanTheReservationEvenWhenTheCapHasRoom() {
            fixture.given(with(law(), reserved(r, "2500.00", COORDINATOR)))
                    .when(CommitReservation.of(r, eur("2500.01"), null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.AMOUNT_EXCEEDED))
                    .expectNoEvents();
        }

        @Test
        void letsThePartnersOwnOrganisationAndTheCoordinatorRelease() {
            List<Object> approved = with(
                    law(),
                    reserved(r, "2500.00", PARTNER),
                    new ReservationApproved(BUDGET.value(), r, eur("2500.00"), STEP, COORDINATOR));
            Actor colleague = new Actor("fnv-other-user", "PARTNER", "FNV");
            fixture.given(approved)
                    .when(ReleaseReservation.of(r, new Reason("stopt"), STEP, colleague))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            r,
                            eur("2500.00"),
                            new Reason("stopt"),
                            ReservationStatus.RELEASED,
                            STEP,
                            colleague));
            fixture.given(approved)
                    .when(ReleaseReservation.of(r, new Reason("stopt"), STEP, COORDINATOR))
                    .expectEvents(new ReservationReleased(
                            BUDGET.value(),
                            r,
                            eur("2500.00"),
                            new Reason("stopt"),
                            ReservationStatus.RELEASED,
                            STEP,
                            COORDINATOR));
            fixture.given(approved)
                    .when(CommitReservation.of(r, eur("2000.00"), new Reference("opdracht"), STEP, PARTNER))
                    .expectEvents(new ReservationCommitted(
                            BUDGET.value(),
                            r,
                            eur("2000.00"),
                            eur("500.00"),
                            new Reference("opdracht"),
                            STEP,
                            PARTNER));
        }

        @Test
        void answersNotFoundForEveryStepOnAnUnknownReservation() {
            ReservationId unknown = id(99);
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(RejectReservation.of(unknown, new Reason("nee"), STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                    .expectNoEvents();
            fixture.given(committed())
                    .when(CommitReservation.of(unknown, eur("1.00"), null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                    .expectNoEvents();
            fixture.given(committed())
                    .when(RegisterPayment.of(unknown, new PaymentId("p-9"), eur("1.00"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                    .expectNoEvents();
            fixture.given(committed())
                    .when(ReleaseReservation.of(unknown, null, STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void answersNotFoundForAReservationTheBudgetDoesNotHold() {
            fixture.given(law())
                    .when(ApproveReservation.of(id(99), STEP, COORDINATOR))
                    .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class Retries {

        private final ReservationId r = id(1);

        @Test
        void answersTheSameReservationRequestAgainWithoutBookingIt() {
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(scholing(r, "2500.00", PARTNER))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReservationReceipt(r, ReservationStatus.REQUESTED, List.of()));
        }

        @Test
        void refusesADifferentRequestUnderTheSameKey() {
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(scholing(r, "2600.00", PARTNER))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void answersAPaymentRetryOnceAndTellsDuplicatesAndMismatchesApart() {
            List<Object> committed = with(
                    law(),
                    reserved(r, "2500.00", COORDINATOR),
                    new ReservationCommitted(BUDGET.value(), r, eur("2500.00"), Money.ZERO, null, STEP, COORDINATOR));
            RegisterPayment pay = RegisterPayment.of(
                    r, new PaymentId("p-1"), eur("500.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER);
            PaymentRegistered paid = new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    new PaymentId("p-1"),
                    eur("500.00"),
                    LocalDate.of(2022, 8, 1),
                    null,
                    "key-1",
                    pay.fingerprint(),
                    ReservationStatus.PARTIALLY_PAID,
                    KASSIER);
            fixture.given(with(committed, paid))
                    .when(pay)
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentReceipt(
                            new PaymentId("p-1"), r, eur("500.00"), ReservationStatus.PARTIALLY_PAID));
            fixture.given(with(committed, paid))
                    .when(RegisterPayment.of(r, new PaymentId("p-2"), eur("600.00"), STEP, null, "key-1", KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH));
            fixture.given(with(committed, paid))
                    .when(RegisterPayment.of(r, new PaymentId("p-1"), eur("500.00"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE));
        }

        @Test
        void refusesAPaymentIdAnotherReservationHolds() {
            paymentClaims.put(new PaymentId("p-elsewhere"), id(42));
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", COORDINATOR),
                            new ReservationCommitted(
                                    BUDGET.value(), r, eur("2500.00"), Money.ZERO, null, STEP, COORDINATOR)))
                    .when(RegisterPayment.of(r, new PaymentId("p-elsewhere"), eur("1.00"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                    .expectNoEvents();
            assertThat(paymentClaims).containsEntry(new PaymentId("p-elsewhere"), id(42));
        }

        private List<Object> committedInFull() {
            return with(
                    law(),
                    reserved(r, "2500.00", COORDINATOR),
                    new ReservationCommitted(
                            BUDGET.value(), r, eur("2300.00"), eur("200.00"), null, STEP, COORDINATOR));
        }

        private PaymentRegistered registered(RegisterPayment payment, ReservationStatus after) {
            return new PaymentRegistered(
                    BUDGET.value(),
                    r,
                    payment.paymentId(),
                    payment.amount(),
                    payment.date(),
                    payment.invoiceRef(),
                    payment.idempotencyKey(),
                    payment.fingerprint(),
                    after,
                    payment.actor());
        }

        @Test
        void answersARetriedReservationWithItsFirstStatusAfterItMovedOn() {
            fixture.given(with(
                            law(),
                            reserved(r, "2500.00", PARTNER),
                            new ReservationApproved(BUDGET.value(), r, eur("2500.00"), STEP, COORDINATOR)))
                    .when(scholing(r, "2500.00", PARTNER))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReservationReceipt(r, ReservationStatus.REQUESTED, List.of()));
        }

        @Test
        void refusesTheSameReservationIdAskedByAnotherUser() {
            fixture.given(with(law(), reserved(r, "2500.00", PARTNER)))
                    .when(scholing(r, "2500.00", new Actor("fnv-other-user", "PARTNER", "FNV")))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void recordsTheFirstPaymentAndAnswersItsRetryWithTheSameReceipt() {
            RegisterPayment pay = RegisterPayment.of(
                    r,
                    new PaymentId("p-1"),
                    eur("1000.00"),
                    LocalDate.of(2022, 8, 1),
                    new Reference("f-1"),
                    "key-1",
                    KASSIER);
            PaymentReceipt receipt =
                    new PaymentReceipt(new PaymentId("p-1"), r, eur("1000.00"), ReservationStatus.PARTIALLY_PAID);
            fixture.given(committedInFull())
                    .when(pay)
                    .expectEvents(registered(pay, ReservationStatus.PARTIALLY_PAID))
                    .expectResultMessagePayload(receipt);
            fixture.given(with(committedInFull(), registered(pay, ReservationStatus.PARTIALLY_PAID)))
                    .when(pay)
                    .expectNoEvents()
                    .expectResultMessagePayload(receipt);
        }

        @Test
        void answersAPaymentRetryWithItsFirstReceiptAfterLaterPayments() {
            RegisterPayment first = RegisterPayment.of(
                    r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER);
            RegisterPayment second = RegisterPayment.of(
                    r, new PaymentId("p-2"), eur("1300.00"), LocalDate.of(2022, 9, 1), null, "key-2", KASSIER);
            List<Object> paidInFull = with(
                    committedInFull(),
                    registered(first, ReservationStatus.PARTIALLY_PAID),
                    registered(second, ReservationStatus.PAID));
            fixture.given(paidInFull)
                    .when(first)
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentReceipt(
                            new PaymentId("p-1"), r, eur("1000.00"), ReservationStatus.PARTIALLY_PAID));
            fixture.given(paidInFull)
                    .when(second)
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            new PaymentReceipt(new PaymentId("p-2"), r, eur("1300.00"), ReservationStatus.PAID));
        }

        @Test
        void answersAPaymentRetryAfterTheReservationWasClosed() {
            RegisterPayment first = RegisterPayment.of(
                    r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER);
            fixture.given(with(
                            committedInFull(),
                            registered(first, ReservationStatus.PARTIALLY_PAID),
                            new ReservationReleased(
                                    BUDGET.value(),
                                    r,
                                    eur("1300.00"),
                                    null,
                                    ReservationStatus.CLOSED,
                                    STEP,
                                    COORDINATOR)))
                    .when(first)
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentReceipt(
                            new PaymentId("p-1"), r, eur("1000.00"), ReservationStatus.PARTIALLY_PAID));
        }

        @Test
        void refusesTheSameKeyWithAnotherDateOrInvoice() {
            RegisterPayment first = RegisterPayment.of(
                    r,
                    new PaymentId("p-1"),
                    eur("1000.00"),
                    LocalDate.of(2022, 8, 1),
                    new Reference("f-1"),
                    "key-1",
                    KASSIER);
            List<Object> paid = with(committedInFull(), registered(first, ReservationStatus.PARTIALLY_PAID));
            fixture.given(paid)
                    .when(RegisterPayment.of(
                            r,
                            new PaymentId("p-1"),
                            eur("1000.00"),
                            LocalDate.of(2022, 8, 2),
                            new Reference("f-1"),
                            "key-1",
                            KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH))
                    .expectNoEvents();
            fixture.given(paid)
                    .when(RegisterPayment.of(
                            r,
                            new PaymentId("p-1"),
                            eur("1000.00"),
                            LocalDate.of(2022, 8, 1),
                            new Reference("f-2"),
                            "key-1",
                            KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesAKeyThatPaidOnAnotherReservation() {
            RegisterPayment elsewhere = RegisterPayment.of(
                    id(42), new PaymentId("p-other"), eur("10.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER);
            keyClaims.put(elsewhere.idempotencyKeyDigest(), id(42));
            fixture.given(committedInFull())
                    .when(RegisterPayment.of(
                            r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.IDEMPOTENCY_MISMATCH))
                    .expectNoEvents();
            assertThat(paymentClaims).doesNotContainKey(new PaymentId("p-1"));
        }

        @Test
        void takesTheSameKeyFromAnotherUserAsAnotherRequest() {
            RegisterPayment otherUser = RegisterPayment.of(
                    id(42),
                    new PaymentId("p-other"),
                    eur("10.00"),
                    LocalDate.of(2022, 8, 1),
                    null,
                    "key-1",
                    new Actor("kassier-2", "KASSIER", "UWV"));
            keyClaims.put(otherUser.idempotencyKeyDigest(), id(42));
            fixture.given(committedInFull())
                    .when(RegisterPayment.of(
                            r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesTheSamePaymentIdUnderAnotherKey() {
            RegisterPayment first = RegisterPayment.of(
                    r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-1", KASSIER);
            fixture.given(with(committedInFull(), registered(first, ReservationStatus.PARTIALLY_PAID)))
                    .when(RegisterPayment.of(
                            r, new PaymentId("p-1"), eur("1000.00"), LocalDate.of(2022, 8, 1), null, "key-2", KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                    .expectNoEvents();
        }

        @Test
        void claimsAPaymentIdOnlyWhenThePaymentIsRecorded() {
            fixture.given(committedInFull())
                    .when(RegisterPayment.of(r, new PaymentId("p-too-much"), eur("2300.01"), STEP, null, null, KASSIER))
                    .expectException(rejectedWith(LedgerErrorCode.AMOUNT_EXCEEDED))
                    .expectNoEvents();
            assertThat(paymentClaims).doesNotContainKey(new PaymentId("p-too-much"));
            fixture.given(committedInFull())
                    .when(RegisterPayment.of(r, new PaymentId("p-ok"), eur("2300.00"), STEP, null, null, KASSIER))
                    .expectSuccessfulHandlerExecution();
            assertThat(paymentClaims).containsEntry(new PaymentId("p-ok"), r);
        }
    }
}
