package nl.kassier.ledger.core.shared;

import java.util.List;

/**
 * A command or request the ledger refuses, with a stable code. Thrown before any event is applied, so a refusal
 * never writes anything.
 */
public class LedgerRejection extends RuntimeException {

    private final LedgerErrorCode code;
    private final transient List<FieldError> fieldErrors;

    public LedgerRejection(LedgerErrorCode code, String message) {
        this(code, message, List.of());
    }

    public LedgerRejection(LedgerErrorCode code, String message, List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public LedgerErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** One invalid field of a request, named by its JSON path. */
    public record FieldError(String field, String message) {}
}
