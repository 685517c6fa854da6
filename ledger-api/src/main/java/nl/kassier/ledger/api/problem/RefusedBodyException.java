package nl.kassier.ledger.api.problem;

import java.io.IOException;
import nl.kassier.ledger.core.shared.LedgerErrorCode;

/**
 * A request body refused while it was being read: one without a declared length ran past its limit (413), or a JSON
 * body is not in UTF-8 (400). Thrown from under the JSON reader, which passes it on as the cause of its failure.
 */
public final class RefusedBodyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final LedgerErrorCode code;

    public RefusedBodyException(LedgerErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public LedgerErrorCode code() {
        return code;
    }
}
