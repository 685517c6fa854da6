package nl.kassier.ledger.core.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A statement's reconciliation id: readable for plain ids, URL-safe and distinct for any other. */
class ReconciliationIdTest {

    @Test
    void namesTheAccountAndTheStatementIdReadably() {
        assertThat(ReconciliationId.of("NL20INGB0001234567", "2022-08-12").value())
                .isEqualTo("statement_NL20INGB0001234567_2022-08-12");
    }

    @Test
    void escapesEveryOtherCharacterSoThatDifferentStatementsStayApart() {
        ReconciliationId slash = ReconciliationId.of("NL20INGB0001234567", "2022/08/12");
        ReconciliationId underscore = ReconciliationId.of("NL20INGB0001234567", "2022_08_12");
        assertThat(slash.value()).isEqualTo("statement_NL20INGB0001234567_2022~2F08~2F12");
        assertThat(underscore.value()).isEqualTo("statement_NL20INGB0001234567_2022~5F08~5F12");
        assertThat(ReconciliationId.of("a_b", "c")).isNotEqualTo(ReconciliationId.of("a", "b_c"));
        assertThat(ReconciliationId.of("NL", "één").value()).isEqualTo("statement_NL_~C3~A9~C3~A9n");
    }

    @Test
    void parsesOnlyWhatItWrites() {
        assertThat(ReconciliationId.parse("statement_NL20INGB0001234567_2022-08-12"))
                .contains(ReconciliationId.of("NL20INGB0001234567", "2022-08-12"));
        assertThat(ReconciliationId.parse("statement_NL20INGB0001234567_2022.csv"))
                .isEmpty();
        assertThat(ReconciliationId.parse("rijnmond_2022")).isEmpty();
        assertThat(ReconciliationId.parse(null)).isEmpty();
        assertThat(ReconciliationId.parse("statement_A_" + "x".repeat(300))).isEmpty();
    }

    @Test
    void refusesAStatementWithoutAccountOrId() {
        assertThatThrownBy(() -> ReconciliationId.of("", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconciliationId.of("NL", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsWhetherAnIdFitsTheEventStore() {
        assertThat(ReconciliationId.fits("NL20INGB0001234567", "x".repeat(35))).isTrue();
        assertThat(ReconciliationId.fits("é".repeat(34), "é".repeat(35))).isFalse();
    }
}
