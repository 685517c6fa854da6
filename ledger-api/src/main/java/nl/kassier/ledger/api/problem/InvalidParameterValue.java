package nl.kassier.ledger.api.problem;

/** A value a query parameter or path variable does not take, in words that name what it takes: a 400 naming it. */
public final class InvalidParameterValue extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidParameterValue(String message) {
        super(message);
    }
}
