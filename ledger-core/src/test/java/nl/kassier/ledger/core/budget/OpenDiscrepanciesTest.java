package nl.kassier.ledger.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Test;

/**
 * Which discrepancies of a reservation's payments are open: opened by a statement showing a payment for another
 * amount, resolved by a later payment on the reservation, by its release or closing, or by a later statement showing
 * the payment for its amount; and the same whether folded from the first event or from what a read model stored.
 */
class OpenDiscrepanciesTest {

    private static final BudgetId BUDGET = new BudgetId(new RegionCode("rijnmond"), 2022);
    private static final ReservationId RESERVATION = ReservationId.of(BUDGET, new UUID(0, 7));
    private static final Actor KASSIER = new Actor("kassier", "KASSIER", null);
    private static final Actor COORDINATOR = new Actor("coord-rijnmond", "COORDINATOR", null);
    private static final LocalDate DAY = LocalDate.of(2022, 9, 2);

    @Test
    void aPaymentShownForAnotherAmountHasAnOpenDiscrepancy() {
        OpenDiscrepancies open = fold(paid("PAY-1", "200.00"), differed("PAY-1", "200.50", "200.00"));

        assertThat(open.isOpen(new PaymentId("PAY-1"))).isTrue();
        assertThat(open.summary()).isEqualTo(new OpenDiscrepancies.Summary(1, Money.parse("0.50")));
    }

    @Test
    void theDifferenceIsWhatTheBankDebitedMinusWhatTheLedgerPaidSummedOverThePayments() {
        OpenDiscrepancies open = fold(
                paid("PAY-1", "200.00"),
                paid("PAY-2", "300.00"),
                differed("PAY-1", "200.50", "200.00"),
                differed("PAY-2", "299.00", "300.00"));

        assertThat(open.differences())
                .containsExactly(
                        Map.entry(new PaymentId("PAY-1"), Money.parse("0.50")),
                        Map.entry(new PaymentId("PAY-2"), Money.parse("-1.00")));
        assertThat(open.summary()).isEqualTo(new OpenDiscrepancies.Summary(2, Money.parse("-0.50")));
    }

    @Test
    void aSettledPaymentHasNone() {
        OpenDiscrepancies open = fold(paid("PAY-1", "200.00"), settled("PAY-1", "200.00"));

        assertThat(open).isEqualTo(OpenDiscrepancies.NONE);
        assertThat(open.summary()).isEqualTo(OpenDiscrepancies.Summary.NONE);
    }

    @Test
    void aPaymentRegisteredAfterTheDiscrepancyResolvesEveryOpenOne() {
        OpenDiscrepancies open = fold(
                paid("PAY-1", "200.00"),
                paid("PAY-2", "300.00"),
                differed("PAY-1", "200.50", "200.00"),
                differed("PAY-2", "300.10", "300.00"),
                paid("PAY-3", "0.60"));

        assertThat(open).isEqualTo(OpenDiscrepancies.NONE);
        assertThat(open.isOpen(new PaymentId("PAY-1"))).isFalse();
    }

    @Test
    void aPaymentRegisteredBeforeTheDiscrepancyResolvesNothing() {
        OpenDiscrepancies open =
                fold(paid("PAY-1", "200.00"), paid("PAY-2", "0.50"), differed("PAY-1", "200.50", "200.00"));

        assertThat(open.summary().count()).isOne();
    }

    @Test
    void aLaterStatementShowingThePaymentForItsAmountResolvesItsDiscrepancy() {
        OpenDiscrepancies open = fold(
                paid("PAY-1", "200.00"),
                paid("PAY-2", "300.00"),
                differed("PAY-1", "200.50", "200.00"),
                differed("PAY-2", "300.10", "300.00"),
                settled("PAY-1", "200.00"));

        assertThat(open.isOpen(new PaymentId("PAY-1"))).isFalse();
        assertThat(open.summary()).isEqualTo(new OpenDiscrepancies.Summary(1, Money.parse("0.10")));
    }

    @Test
    void aReleaseOrClosingResolvesThemAndNoneOpensAfterwards() {
        OpenDiscrepancies closed = fold(
                paid("PAY-1", "200.00"), differed("PAY-1", "200.50", "200.00"), released(ReservationStatus.CLOSED));

        assertThat(closed.summary()).isEqualTo(OpenDiscrepancies.Summary.NONE);
        assertThat(closed.released()).isTrue();
        assertThat(closed.after(differed("PAY-1", "200.70", "200.00"))).isEqualTo(closed);
        assertThat(fold(paid("PAY-1", "1.00"), released(ReservationStatus.RELEASED), differed("PAY-1", "2.00", "1.00"))
                        .summary())
                .isEqualTo(OpenDiscrepancies.Summary.NONE);
    }

    @Test
    void stepsThatSayNothingOfPaymentsChangeNothing() {
        OpenDiscrepancies open = fold(paid("PAY-1", "200.00"), differed("PAY-1", "200.50", "200.00"));

        assertThat(open.after(new ReservationCommitted(
                        BUDGET.value(),
                        RESERVATION,
                        Money.parse("10.00"),
                        Money.ZERO,
                        new Reference("V-1"),
                        DAY,
                        COORDINATOR)))
                .isEqualTo(open);
    }

    @Test
    void whatAReadModelStoredRestoresTheFold() {
        Map<PaymentId, Money> stored = Map.of(new PaymentId("PAY-1"), Money.parse("0.50"));

        assertThat(OpenDiscrepancies.of(ReservationStatus.PAID, stored))
                .isEqualTo(fold(paid("PAY-1", "200.00"), differed("PAY-1", "200.50", "200.00")));
        assertThat(OpenDiscrepancies.of(ReservationStatus.CLOSED, stored))
                .isEqualTo(new OpenDiscrepancies(Map.of(), true));
        assertThat(OpenDiscrepancies.of(ReservationStatus.RELEASED, Map.of()).released())
                .isTrue();
        assertThatThrownBy(() -> new OpenDiscrepancies(stored, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A read model keeps the reservation's status and each payment's open difference, and goes on from there with
     * the next batch of events: from any point of any life, that gives what the fold from the first event gives.
     */
    @Property(tries = 500)
    void foldingOnFromWhatAReadModelStoredGivesTheSameAsFoldingFromTheStart(
            @ForAll("lives") List<ReservationEvent> life) {
        OpenDiscrepancies whole = fold(life.toArray(ReservationEvent[]::new));
        for (int split = 0; split <= life.size(); split++) {
            OpenDiscrepancies before = fold(life.subList(0, split).toArray(ReservationEvent[]::new));
            ReservationStatus status = before.released() ? ReservationStatus.CLOSED : ReservationStatus.PARTIALLY_PAID;
            OpenDiscrepancies restored = OpenDiscrepancies.of(status, before.differences());
            for (ReservationEvent event : life.subList(split, life.size())) {
                restored = restored.after(event);
            }
            assertThat(restored).as("restored after %d of %s", split, life).isEqualTo(whole);
        }
    }

    @Provide
    Arbitrary<List<ReservationEvent>> lives() {
        Arbitrary<String> payment = Arbitraries.of("PAY-1", "PAY-2", "PAY-3");
        Arbitrary<String> amount = Arbitraries.of("0.01", "199.99", "200.00", "200.50");
        Arbitrary<ReservationEvent> step = Arbitraries.oneOf(
                Combinators.combine(payment, amount).as(OpenDiscrepanciesTest::paid),
                Combinators.combine(payment, amount).as((p, a) -> differed(p, a, "200.00")),
                Combinators.combine(payment, amount).as(OpenDiscrepanciesTest::settled),
                Arbitraries.of(ReservationStatus.RELEASED, ReservationStatus.CLOSED)
                        .map(OpenDiscrepanciesTest::released));
        return step.list().ofMaxSize(12);
    }

    private static OpenDiscrepancies fold(ReservationEvent... events) {
        OpenDiscrepancies open = OpenDiscrepancies.NONE;
        for (ReservationEvent event : events) {
            open = open.after(event);
        }
        return open;
    }

    private static ReservationEvent paid(String paymentId, String amount) {
        return new PaymentRegistered(
                BUDGET.value(),
                RESERVATION,
                new PaymentId(paymentId),
                Money.parse(amount),
                DAY,
                null,
                null,
                "fingerprint",
                ReservationStatus.PARTIALLY_PAID,
                KASSIER);
    }

    private static ReservationEvent differed(String paymentId, String bank, String ledger) {
        return new PaymentDiscrepancyFound(
                BUDGET.value(),
                RESERVATION,
                new PaymentId(paymentId),
                Money.parse(bank),
                Money.parse(ledger),
                "statement_NL20INGB0001234567_1",
                "1",
                "entry-" + paymentId,
                DAY,
                KASSIER);
    }

    private static ReservationEvent settled(String paymentId, String amount) {
        return new PaymentSettled(
                BUDGET.value(),
                RESERVATION,
                new PaymentId(paymentId),
                Money.parse(amount),
                "statement_NL20INGB0001234567_2",
                "2",
                "entry-" + paymentId,
                DAY,
                KASSIER);
    }

    private static ReservationEvent released(ReservationStatus status) {
        return new ReservationReleased(
                BUDGET.value(), RESERVATION, Money.ZERO, new Reason("vrijval"), status, DAY, COORDINATOR);
    }
}
