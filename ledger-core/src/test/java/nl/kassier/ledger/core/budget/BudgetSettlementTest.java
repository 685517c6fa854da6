package nl.kassier.ledger.core.budget;

import static nl.kassier.ledger.core.RejectionMatchers.rejectedWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bank statement settles a payment of a budget: for its amount it is settled, for another amount a discrepancy is
 * recorded, the same statement entry twice records nothing, a second entry for a settled payment is refused, and an
 * unknown payment is not found.
 */
class BudgetSettlementTest {
    private static final LocalDate STEP = LocalDate.of(2022, 7, 10);

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final RegionCode RIJNMOND = new RegionCode("rijnmond");
    private static final BudgetId BUDGET = new BudgetId(RIJNMOND, 2022);
    private static final Actor COORDINATOR = new Actor("coord-rijnmond", "COORDINATOR", null);
    private static final Actor KASSIER = new Actor("kassier", "KASSIER", null);
    private static final ReservationId RESERVATION = ReservationId.of(BUDGET, new UUID(0, 1));
    private static final String RECONCILIATION = "statement_NL20INGB0001234567_2022-08-12";
    private static final LocalDate BOOKED = LocalDate.of(2022, 8, 12);

    private static final Amendment START = new Amendment(
            "start",
            "Start",
            null,
            null,
            LocalDate.of(2021, 3, 26),
            LocalDate.of(2024, 12, 31),
            List.of(new CapSetting(2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("1000000.00"))),
            List.of(new AllocationSetting(
                    RIJNMOND, 2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), eur("10000.00"))),
            List.of(),
            null);

    private FixtureConfiguration<Budget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Budget.class);
        fixture.registerInjectableResource(TestVault.INSTANCE);
        fixture.registerInjectableResource(
                Clock.fixed(LocalDate.of(2022, 8, 15).atStartOfDay(AMSTERDAM).toInstant(), AMSTERDAM));
        fixture.registerInjectableResource(
                (PaymentIdRegistry) (paymentId, reservation, keyDigest) -> PaymentIdRegistry.Claim.CLAIMED);
    }

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    /** A budget with one committed reservation and one payment {@code p-1} of 1,000.00. */
    private static List<Object> paid() {
        List<Object> events = new ArrayList<>();
        events.add(new AmendmentAdopted(BUDGET.value(), BUDGET, START.forBudget(RIJNMOND, 2022), Actor.system("test")));
        events.add(new BudgetReserved(
                BUDGET.value(),
                RESERVATION,
                BUDGET,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.SCHOLING,
                eur("2500.00"),
                TestVault.idOf(
                        new Candidate(new CandidateRef("c-1"), TargetGroup.WW, LocalDate.of(2021, 1, 15), false)),
                TestVault.groupOf(
                        new Candidate(new CandidateRef("c-1"), TargetGroup.WW, LocalDate.of(2021, 1, 15), false)),
                LocalDate.of(2022, 7, 1),
                TestVault.sealedOf(
                        new Candidate(new CandidateRef("c-1"), TargetGroup.WW, LocalDate.of(2021, 1, 15), false), null),
                ReservationStatus.RESERVED,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                "start",
                false,
                TestVault.INSTANCE.fingerprint("f"),
                COORDINATOR));
        events.add(new ReservationCommitted(
                BUDGET.value(),
                RESERVATION,
                eur("2500.00"),
                Money.ZERO,
                new Reference("contract-1"),
                STEP,
                COORDINATOR));
        events.add(new PaymentRegistered(
                BUDGET.value(),
                RESERVATION,
                new PaymentId("p-1"),
                eur("1000.00"),
                LocalDate.of(2022, 8, 10),
                null,
                null,
                "f1",
                ReservationStatus.PARTIALLY_PAID,
                KASSIER));
        return events;
    }

    private static List<Object> with(List<Object> given, Object... more) {
        List<Object> all = new ArrayList<>(given);
        all.addAll(List.of(more));
        return all;
    }

    private static SettlePayment settle(PaymentId paymentId, String entry, String bankAmount) {
        return SettlePayment.of(
                RESERVATION, paymentId, RECONCILIATION, "2022-08-12", entry, BOOKED, eur(bankAmount), KASSIER);
    }

    private static PaymentSettled settled(String entry) {
        return new PaymentSettled(
                BUDGET.value(),
                RESERVATION,
                new PaymentId("p-1"),
                eur("1000.00"),
                RECONCILIATION,
                "2022-08-12",
                entry,
                BOOKED,
                KASSIER);
    }

    @Test
    void settlesAPaymentTheStatementShowsForItsAmount() {
        fixture.given(paid())
                .when(settle(new PaymentId("p-1"), "E-1", "1000.00"))
                .expectEvents(settled("E-1"));
    }

    @Test
    void recordsADiscrepancyWhenTheBankDebitedAnotherAmount() {
        fixture.given(paid())
                .when(settle(new PaymentId("p-1"), "E-1", "1000.01"))
                .expectEvents(new PaymentDiscrepancyFound(
                        BUDGET.value(),
                        RESERVATION,
                        new PaymentId("p-1"),
                        eur("1000.01"),
                        eur("1000.00"),
                        RECONCILIATION,
                        "2022-08-12",
                        "E-1",
                        BOOKED,
                        KASSIER));
    }

    @Test
    void recordsNothingWhenTheSameStatementEntryComesAgain() {
        fixture.given(with(paid(), settled("E-1")))
                .when(settle(new PaymentId("p-1"), "E-1", "1000.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        PaymentDiscrepancyFound discrepancy = new PaymentDiscrepancyFound(
                BUDGET.value(),
                RESERVATION,
                new PaymentId("p-1"),
                eur("999.00"),
                eur("1000.00"),
                RECONCILIATION,
                "2022-08-12",
                "E-2",
                BOOKED,
                KASSIER);
        fixture.given(with(paid(), discrepancy))
                .when(settle(new PaymentId("p-1"), "E-2", "999.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesASecondEntryForASettledPayment() {
        fixture.given(with(paid(), settled("E-1")))
                .when(settle(new PaymentId("p-1"), "E-7", "1000.00"))
                .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                .expectNoEvents();
    }

    @Test
    void settlesAPaymentAfterADiscrepancyOnAnotherEntry() {
        PaymentDiscrepancyFound discrepancy = new PaymentDiscrepancyFound(
                BUDGET.value(),
                RESERVATION,
                new PaymentId("p-1"),
                eur("999.00"),
                eur("1000.00"),
                RECONCILIATION,
                "2022-08-12",
                "E-2",
                BOOKED,
                KASSIER);
        fixture.given(with(paid(), discrepancy))
                .when(settle(new PaymentId("p-1"), "E-1", "1000.00"))
                .expectEvents(settled("E-1"));
    }

    @Test
    void answersNotFoundForAnUnknownPaymentOrReservation() {
        fixture.given(paid())
                .when(settle(new PaymentId("p-unknown"), "E-1", "1000.00"))
                .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                .expectNoEvents();
        ReservationId other = ReservationId.of(BUDGET, new UUID(0, 2));
        fixture.given(paid())
                .when(SettlePayment.of(
                        other,
                        new PaymentId("p-1"),
                        RECONCILIATION,
                        "2022-08-12",
                        "E-1",
                        BOOKED,
                        eur("1000.00"),
                        KASSIER))
                .expectException(rejectedWith(LedgerErrorCode.NOT_FOUND))
                .expectNoEvents();
    }
}
