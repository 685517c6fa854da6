package nl.kassier.ledger.core.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.AmountDifference;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.Matched;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.Reason;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.UnmatchedEntry;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome.UnmatchedPayment;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract's matching of a statement's debit entries against the ledger's payments, and the settlement period. */
class StatementMatchingTest {

    private static final ReservationId RESERVATION =
            ReservationId.of(new BudgetId(new RegionCode("rijnmond"), 2022), new UUID(0, 1));
    /** Monday 15 August 2022. */
    private static final LocalDate MONDAY = LocalDate.of(2022, 8, 15);

    private static Money eur(String amount) {
        return Money.parse(amount);
    }

    private static StatementEntry debit(String reference, String endToEndId, String amount) {
        return new StatementEntry(reference, endToEndId, eur(amount), CreditDebit.DEBIT, MONDAY.minusDays(3), true);
    }

    private static LedgerPayment payment(String id, String amount, LocalDate date) {
        return new LedgerPayment(id, RESERVATION, eur(amount), date);
    }

    private static BankStatement statement(StatementEntry... entries) {
        return new BankStatement("2022-08-12", "NL20INGB0001234567", MONDAY, List.of(entries));
    }

    @Nested
    class DebitEntries {

        @Test
        void matchesEveryDebitWhoseEndToEndIdAndAmountAreAPayments() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(debit("E-1", "p-1", "1000.00"), debit("E-2", "p-2", "250.50")),
                    List.of(payment("p-1", "1000.00", MONDAY), payment("p-2", "250.50", MONDAY)),
                    List.of());
            assertThat(outcome.matched())
                    .containsExactly(
                            new Matched("p-1", RESERVATION, "E-1", eur("1000.00"), MONDAY.minusDays(3)),
                            new Matched("p-2", RESERVATION, "E-2", eur("250.50"), MONDAY.minusDays(3)));
            assertThat(outcome.amountDifferences()).isEmpty();
            assertThat(outcome.unmatchedBank()).isEmpty();
            assertThat(outcome.unmatchedLedger()).isEmpty();
        }

        @Test
        void reportsAnAmountDifferenceForTheSameIdWithAnotherAmount() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(debit("E-1", "p-1", "1000.01")), List.of(payment("p-1", "1000.00", MONDAY)), List.of());
            assertThat(outcome.matched()).isEmpty();
            assertThat(outcome.amountDifferences())
                    .containsExactly(new AmountDifference(
                            "p-1", RESERVATION, "E-1", eur("1000.01"), eur("1000.00"), MONDAY.minusDays(3)));
            assertThat(outcome.amountDifferences().get(0).difference()).isEqualTo(eur("0.01"));
        }

        @Test
        void leavesADebitWithoutAPaymentUnmatchedOnTheBankSide() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(
                            debit("E-1", "p-unknown", "75.00"),
                            debit("E-2", null, "12.00"),
                            debit("E-3", StatementEntry.NOT_PROVIDED, "13.00")),
                    List.of(),
                    List.of());
            assertThat(outcome.unmatchedBank())
                    .containsExactly(
                            new UnmatchedEntry(
                                    "E-1", "p-unknown", eur("75.00"), MONDAY.minusDays(3), Reason.UNKNOWN_PAYMENT),
                            new UnmatchedEntry("E-2", null, eur("12.00"), MONDAY.minusDays(3), Reason.NO_END_TO_END_ID),
                            new UnmatchedEntry(
                                    "E-3", null, eur("13.00"), MONDAY.minusDays(3), Reason.NO_END_TO_END_ID));
        }

        @Test
        void ignoresCreditsAndEntriesTheBankHasNotBooked() {
            StatementEntry credit = new StatementEntry("E-1", "p-1", eur("1000.00"), CreditDebit.CREDIT, MONDAY, true);
            StatementEntry pending = new StatementEntry("E-2", "p-x", eur("5.00"), CreditDebit.DEBIT, null, false);
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(credit, pending), List.of(payment("p-1", "1000.00", MONDAY)), List.of());
            assertThat(outcome.matched()).isEmpty();
            assertThat(outcome.unmatchedBank()).isEmpty();
        }

        @Test
        void refusesToMatchAPaymentTwice() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(debit("E-1", "p-1", "1000.00"), debit("E-2", "p-1", "1000.00")),
                    List.of(payment("p-1", "1000.00", MONDAY)),
                    List.of());
            assertThat(outcome.matched()).extracting(Matched::entryReference).containsExactly("E-1");
            assertThat(outcome.unmatchedBank())
                    .extracting(UnmatchedEntry::entryReference, UnmatchedEntry::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("E-2", Reason.REPEATED_ON_STATEMENT));
        }

        @Test
        void leavesAnEntryForAPaymentAnEarlierStatementShowedUnmatched() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(debit("E-1", "p-1", "1000.00")),
                    List.of(payment("p-1", "1000.00", MONDAY.minusDays(30))),
                    List.of(new EarlierEntry("p-1", "statement_NL20INGB0001234567_2022-07-01", "E-9")));
            assertThat(outcome.matched()).isEmpty();
            assertThat(outcome.unmatchedBank())
                    .extracting(UnmatchedEntry::reason)
                    .containsExactly(Reason.ON_EARLIER_STATEMENT);
            assertThat(outcome.unmatchedLedger()).isEmpty();
        }
    }

    @Nested
    class PaymentsWithoutAnEntry {

        @Test
        void reportsAPaymentMoreThanFiveBankingDaysOldThatNoStatementShowed() {
            // Monday 15 August: the sixth banking day back is Monday 8 August.
            LedgerPayment overdue = payment("p-old", "300.00", LocalDate.of(2022, 8, 5));
            LedgerPayment inTime = payment("p-new", "400.00", LocalDate.of(2022, 8, 8));
            ReconciliationOutcome outcome = StatementMatching.match(statement(), List.of(inTime, overdue), List.of());
            assertThat(outcome.unmatchedLedger())
                    .containsExactly(
                            new UnmatchedPayment("p-old", RESERVATION, eur("300.00"), LocalDate.of(2022, 8, 5)));
        }

        @Test
        void doesNotReportAPaymentThisOrAnEarlierStatementShowed() {
            LocalDate old = LocalDate.of(2022, 7, 1);
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(debit("E-1", "p-1", "1.00"), debit("E-2", "p-2", "2.50")),
                    List.of(payment("p-1", "1.00", old), payment("p-2", "2.00", old), payment("p-3", "3.00", old)),
                    List.of(new EarlierEntry("p-3", "statement_X_1", "E-1")));
            assertThat(outcome.unmatchedLedger()).isEmpty();
        }

        @Test
        void ordersThemByDateThenId() {
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(),
                    List.of(
                            payment("p-b", "1.00", LocalDate.of(2022, 7, 2)),
                            payment("p-c", "1.00", LocalDate.of(2022, 7, 1)),
                            payment("p-a", "1.00", LocalDate.of(2022, 7, 2))),
                    List.of());
            assertThat(outcome.unmatchedLedger())
                    .extracting(UnmatchedPayment::paymentId)
                    .containsExactly("p-c", "p-a", "p-b");
        }
    }

    @Nested
    class SettlementCutoff {

        @Test
        void countsSixBankingDaysBackFromAWeekday() {
            // Monday 15 August 2022: 15, 12, 11, 10, 9, 8.
            assertThat(StatementMatching.settlementCutoff(MONDAY)).isEqualTo(LocalDate.of(2022, 8, 8));
            // Friday 12 August 2022: 12, 11, 10, 9, 8, 5.
            assertThat(StatementMatching.settlementCutoff(LocalDate.of(2022, 8, 12)))
                    .isEqualTo(LocalDate.of(2022, 8, 5));
        }

        @Test
        void skipsTheWeekendWhenTheStatementIsCreatedOnIt() {
            // Saturday 13 and Sunday 14 August 2022: 12, 11, 10, 9, 8, 5.
            assertThat(StatementMatching.settlementCutoff(LocalDate.of(2022, 8, 13)))
                    .isEqualTo(LocalDate.of(2022, 8, 5));
            assertThat(StatementMatching.settlementCutoff(LocalDate.of(2022, 8, 14)))
                    .isEqualTo(LocalDate.of(2022, 8, 5));
        }

        @Test
        void treatsAPaymentOnTheCutoffAsInTimeAndOneDayEarlierAsOverdue() {
            LocalDate cutoff = StatementMatching.settlementCutoff(MONDAY);
            ReconciliationOutcome outcome = StatementMatching.match(
                    statement(),
                    List.of(payment("on", "1.00", cutoff), payment("before", "1.00", cutoff.minusDays(1))),
                    List.of());
            assertThat(outcome.unmatchedLedger())
                    .extracting(UnmatchedPayment::paymentId)
                    .containsExactly("before");
        }
    }
}
