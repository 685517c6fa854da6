package nl.kassier.ledger.api.problem;

import java.io.IOException;

/** A request body without a declared length ran past its limit while being read; answered with 413. */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(String message) {
        super(message);
    }
}
