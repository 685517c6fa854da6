package nl.kassier.ledger.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A payment id is what the bank returns as the EndToEndId: 1 to 64 visible ASCII characters. */
class PaymentIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"p", "PAY-1", "p-1", "!", "~", "E2E/2022-08-12#1"})
    void acceptsVisibleAscii(String id) {
        assertThat(PaymentId.problem(id)).isEmpty();
        assertThat(new PaymentId(id).value()).isEqualTo(id);
    }

    @Test
    void acceptsOneAndSixtyFourCharactersAndRefusesSixtyFive() {
        assertThat(new PaymentId("1").value()).hasSize(1);
        assertThat(new PaymentId("P".repeat(64)).value()).hasSize(64);
        assertThat(PaymentId.LENGTH_MAX).isEqualTo(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentId("P".repeat(65)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {"", " ", "PAY 1", " PAY-1", "PAY-1\n", "PAY\u00001", "PAY\u007F", "PAY-\u00E9", "PAY-\u20AC"})
    void refusesWhatIsNotVisibleAscii(String id) {
        assertThat(PaymentId.problem(id)).isPresent();
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentId(id));
    }

    @Test
    void comparesByValueAndShowsIt() {
        assertThat(new PaymentId("PAY-1")).isEqualTo(new PaymentId("PAY-1")).isNotEqualTo(new PaymentId("pay-1"));
        assertThat(new PaymentId("PAY-1")).hasToString("PAY-1");
    }
}
