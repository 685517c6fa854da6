package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class MoneyPropertiesTest {

    /** The most cents the wire form can carry: sixteen digits of euros and two of cents. */
    private static final long WIRE_FORM_CENTS_MAX = 999_999_999_999_999_999L;

    /** Half the range of a long: two such amounts add or subtract without overflow. */
    private static final long HALF = Long.MAX_VALUE / 2;

    @Property
    void readsBackWhatItWritesForAnyAmount(@ForAll long cents) {
        Money money = Money.ofCents(cents);

        assertThat(Money.parse(money.toPlainString())).isEqualTo(money);
    }

    @Property
    void readsBackWhatItWrites(@ForAll @LongRange(min = -WIRE_FORM_CENTS_MAX, max = WIRE_FORM_CENTS_MAX) long cents) {
        Money money = Money.ofCents(cents);

        assertThat(Money.parse(money.toPlainString())).isEqualTo(money);
        assertThat(Money.isWireForm(money.toPlainString())).isTrue();
    }

    @Property
    void addsCommutatively(
            @ForAll @LongRange(min = -HALF, max = HALF) long a, @ForAll @LongRange(min = -HALF, max = HALF) long b) {
        assertThat(Money.ofCents(a).plus(Money.ofCents(b)))
                .isEqualTo(Money.ofCents(b).plus(Money.ofCents(a)));
    }

    @Property
    void subtractingUndoesAdding(
            @ForAll @LongRange(min = -HALF, max = HALF) long a, @ForAll @LongRange(min = -HALF, max = HALF) long b) {
        Money amount = Money.ofCents(a);
        Money other = Money.ofCents(b);

        assertThat(amount.plus(other).minus(other)).isEqualTo(amount);
        assertThat(amount.minus(other).plus(other)).isEqualTo(amount);
    }

    @Property
    void addsExactlyOrThrows(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));

        if (exact.bitLength() < Long.SIZE) {
            assertThat(Money.ofCents(a).plus(Money.ofCents(b)).cents()).isEqualTo(exact.longValueExact());
        } else {
            assertThatExceptionOfType(ArithmeticException.class)
                    .isThrownBy(() -> Money.ofCents(a).plus(Money.ofCents(b)));
        }
    }

    @Property
    void subtractsExactlyOrThrows(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));

        if (exact.bitLength() < Long.SIZE) {
            assertThat(Money.ofCents(a).minus(Money.ofCents(b)).cents()).isEqualTo(exact.longValueExact());
        } else {
            assertThatExceptionOfType(ArithmeticException.class)
                    .isThrownBy(() -> Money.ofCents(a).minus(Money.ofCents(b)));
        }
    }
}
