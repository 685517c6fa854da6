package nl.kassier.ledger.core.shared;

/** The stable, machine-readable codes with which the ledger refuses a request. One list for the whole service. */
public enum LedgerErrorCode {
    VALIDATION_FAILED,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    CAP_EXCEEDED,
    INVALID_STATE,
    DUPLICATE,
    IDEMPOTENCY_MISMATCH,
    NOT_ELIGIBLE,
    OUTSIDE_SCHEME,
    DATE_OUT_OF_ORDER,
    ABOVE_MENU_MAXIMUM,
    AMOUNT_EXCEEDED,
    PAYLOAD_TOO_LARGE,
    TOO_MANY_REQUESTS,
    UNSUPPORTED_MEDIA_TYPE,
    UNAVAILABLE,
    INTERNAL_ERROR
}
