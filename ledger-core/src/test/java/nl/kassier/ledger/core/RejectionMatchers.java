package nl.kassier.ledger.core;

import java.util.Arrays;
import java.util.List;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the refusals of the aggregates in {@code AggregateTestFixture} tests: by code, and by the fields named. */
public final class RejectionMatchers {

    private RejectionMatchers() {}

    public static Matcher<LedgerRejection> rejectedWith(LedgerErrorCode code, String... fields) {
        List<String> expectedFields = Arrays.asList(fields);
        return new TypeSafeMatcher<>(LedgerRejection.class) {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.code() == code && fieldsOf(rejection).containsAll(expectedFields);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with code ").appendValue(code);
                if (!expectedFields.isEmpty()) {
                    description.appendText(" naming the fields ").appendValue(expectedFields);
                }
            }

            @Override
            protected void describeMismatchSafely(LedgerRejection rejection, Description mismatch) {
                mismatch.appendText("was a LedgerRejection with code ")
                        .appendValue(rejection.code())
                        .appendText(" naming the fields ")
                        .appendValue(fieldsOf(rejection))
                        .appendText(": ")
                        .appendText(rejection.getMessage());
            }

            private List<String> fieldsOf(LedgerRejection rejection) {
                return rejection.fieldErrors().stream()
                        .map(LedgerRejection.FieldError::field)
                        .toList();
            }
        };
    }
}
