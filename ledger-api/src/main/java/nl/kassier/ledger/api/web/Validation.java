package nl.kassier.ledger.api.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Texts;

/**
 * Collects the field errors of one request body, so that a client learns everything wrong with it at once, then
 * refuses the request with {@code VALIDATION_FAILED} if there were any.
 */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public boolean required(String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            errors.add(new FieldError(field, "required"));
            return false;
        }
        return true;
    }

    /** Free text of at most {@code lengthMax} characters ({@link Texts}), if given. */
    public void text(String field, String value, int lengthMax) {
        if (value != null) {
            Texts.problem(value, lengthMax).ifPresent(problem -> errors.add(new FieldError(field, problem)));
        }
    }

    /** A date, if given, not after {@code latest}: a melding or a payment cannot be dated in the future. */
    public void notAfter(String field, LocalDate date, LocalDate latest) {
        if (date != null && date.isAfter(latest)) {
            errors.add(new FieldError(field, "may not lie in the future"));
        }
    }

    public void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must lie between " + min + " and " + max));
        }
    }

    public void maxSize(String field, Collection<?> values, int sizeMax) {
        if (values != null && values.size() > sizeMax) {
            errors.add(new FieldError(field, "at most " + sizeMax + " entries"));
        }
    }

    /** An amount of the contract: at most 999,999,999.99 and, where {@code positive}, more than zero. */
    public void amount(String field, Money amount, boolean positive) {
        if (amount == null) {
            return;
        }
        if (amount.isNegative()) {
            errors.add(new FieldError(field, "must not be negative"));
        } else if (positive && !amount.isPositive()) {
            errors.add(new FieldError(field, "must be more than 0.00"));
        } else if (amount.isGreaterThan(Money.INPUT_MAX)) {
            errors.add(new FieldError(field, "at most " + Money.INPUT_MAX.toPlainString()));
        }
    }

    public void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "the request is not valid", errors);
        }
    }
}
