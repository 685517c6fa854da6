package nl.kassier.ledger.core.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An exact amount of euros, held as integer cents. Arithmetic never overflows silently: it throws instead.
 *
 * <p>The wire form is a decimal string with exactly two decimals and no sign or exponent, for example
 * {@code "1250.00"}; negative amounts (an overspent budget line) are written with a leading minus.
 */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /** The largest amount the contract accepts on input: 999,999,999.99 euros. */
    public static final Money INPUT_MAX = new Money(99_999_999_999L);

    private static final Pattern WIRE_FORM = Pattern.compile("-?(0|[1-9][0-9]{0,16})\\.[0-9]{2}");

    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    /** Parses the wire form {@code "1250.00"} (and {@code "-12.50"}); anything else is refused. */
    public static Money parse(String text) {
        if (text == null || !WIRE_FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("not an amount with exactly two decimals: " + text);
        }
        try {
            return new Money(new BigDecimal(text).movePointRight(2).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an amount beyond what the ledger can hold: " + text, e);
        }
    }

    public static boolean isWireForm(String text) {
        return text != null && WIRE_FORM.matcher(text).matches();
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isGreaterThan(Money other) {
        return cents > other.cents;
    }

    public Money min(Money other) {
        return cents <= other.cents ? this : other;
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(cents, 2);
    }

    /** The wire form: {@code "1250.00"}. */
    public String toPlainString() {
        return toBigDecimal().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    @Override
    public String toString() {
        return "EUR " + toPlainString();
    }
}
