package nl.kassier.ledger.core.reconciliation;

import static nl.kassier.ledger.core.RejectionMatchers.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A statement is recorded once; the same statement again is answered, another one under its id refused. */
class ReconciliationTest {

    private static final Actor KASSIER = new Actor("kassier", "KASSIER", null);
    private static final ReconciliationOutcome NOTHING =
            new ReconciliationOutcome(List.of(), List.of(), List.of(), List.of());

    private FixtureConfiguration<Reconciliation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Reconciliation.class);
    }

    private static BankStatement statement(String amount) {
        return new BankStatement(
                "2022-08-12",
                "NL20INGB0001234567",
                LocalDate.of(2022, 8, 15),
                List.of(new StatementEntry(
                        "E-1", "p-1", Money.parse(amount), CreditDebit.DEBIT, LocalDate.of(2022, 8, 12), true)));
    }

    private static StatementImported imported(BankStatement statement) {
        return new StatementImported(
                statement.reconciliationId().value(), statement, statement.fingerprint(), NOTHING, KASSIER);
    }

    @Test
    void recordsAStatementTheFirstTime() {
        BankStatement statement = statement("1000.00");
        fixture.givenNoPriorActivity()
                .when(ImportStatement.of(statement, NOTHING, KASSIER))
                .expectEvents(imported(statement))
                .expectResultMessagePayload(
                        new ImportReceipt(statement.reconciliationId().value(), true));
    }

    @Test
    void answersTheSameStatementAgainWithoutRecordingIt() {
        BankStatement statement = statement("1000.00");
        fixture.given(imported(statement))
                .when(ImportStatement.of(statement, NOTHING, KASSIER))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new ImportReceipt(statement.reconciliationId().value(), false));
    }

    @Test
    void refusesOtherEntriesUnderAStatementIdAlreadyImported() {
        fixture.given(imported(statement("1000.00")))
                .when(ImportStatement.of(statement("1000.01"), NOTHING, KASSIER))
                .expectException(rejectedWith(LedgerErrorCode.DUPLICATE))
                .expectNoEvents();
    }

    @Test
    void recognisesTheSameStatementWhateverDayTheBankCreatedTheFile() {
        BankStatement first = statement("1000.00");
        BankStatement resent = new BankStatement(
                first.statementId(), first.account(), first.creationDate().plusDays(1), first.entries());
        assertThat(resent.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(statement("1000.01").fingerprint()).isNotEqualTo(first.fingerprint());
    }
}
