package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"1250.00, 125000", "0.01, 1", "-12.50, -1250", "0.00, 0", "999999999.99, 99999999999"})
    void readsAndWritesTheWireForm(String text, long cents) {
        Money money = Money.parse(text);

        assertThat(money).isEqualTo(Money.ofCents(cents));
        assertThat(money.toPlainString()).isEqualTo(text);
        assertThat(Money.isWireForm(text)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "1250",
                "1250.0",
                "1250.000",
                "+1.00",
                "1e3",
                " 1.00",
                "1.00 ",
                "01.00",
                "-01.00",
                "1,00",
                "1.",
                ".50",
                "-",
                "",
                "EUR 1.00",
                "1 250.00",
                "١.٠٠"
            })
    void refusesAnythingButTheWireForm(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.parse(text));
        assertThat(Money.isWireForm(text)).isFalse();
    }

    @Test
    void writesTheInputMaximumInFull() {
        assertThat(Money.INPUT_MAX.toPlainString()).isEqualTo("999999999.99");
    }

    @Test
    void addsAndSubtractsExactly() {
        Money amount = Money.parse("0.10").plus(Money.parse("0.20"));

        assertThat(amount).isEqualTo(Money.parse("0.30"));
        assertThat(amount.minus(Money.parse("0.31"))).isEqualTo(Money.parse("-0.01"));
    }

    @Test
    void refusesToOverflowWhenAdding() {
        Money largest = Money.ofCents(Long.MAX_VALUE);

        assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> largest.plus(Money.ofCents(1)));
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> Money.ofCents(Long.MIN_VALUE).plus(Money.ofCents(-1)));
    }

    @Test
    void refusesToOverflowWhenSubtracting() {
        Money smallest = Money.ofCents(Long.MIN_VALUE);

        assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> smallest.minus(Money.ofCents(1)));
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> Money.ZERO.minus(Money.ofCents(Long.MIN_VALUE)));
    }

    @Test
    void addsUpToTheLargestAmountWithoutOverflow() {
        assertThat(Money.ofCents(Long.MAX_VALUE - 1).plus(Money.ofCents(1))).isEqualTo(Money.ofCents(Long.MAX_VALUE));
        assertThat(Money.ofCents(Long.MIN_VALUE + 1).minus(Money.ofCents(1))).isEqualTo(Money.ofCents(Long.MIN_VALUE));
    }

    @Test
    void comparesByAmount() {
        Money less = Money.parse("12.49");
        Money more = Money.parse("12.50");

        assertThat(less).isLessThan(more);
        assertThat(more.isGreaterThan(less)).isTrue();
        assertThat(more.isGreaterThan(more)).isFalse();
        assertThat(less.min(more)).isEqualTo(less);
        assertThat(more.min(less)).isEqualTo(less);
    }

    @Test
    void tellsItsSign() {
        assertThat(Money.parse("-0.01").isNegative()).isTrue();
        assertThat(Money.ZERO.isNegative()).isFalse();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.parse("0.01").isPositive()).isTrue();
    }

    @Test
    void showsTheCurrencyInItsDescription() {
        assertThat(Money.parse("1250.00")).hasToString("EUR 1250.00");
    }
}
