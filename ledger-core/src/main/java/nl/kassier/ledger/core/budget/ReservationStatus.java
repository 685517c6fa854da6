package nl.kassier.ledger.core.budget;

/** The life of a reservation (domain.md). Which step is allowed from which status is decided here only. */
public enum ReservationStatus {
    REQUESTED,
    RESERVED,
    COMMITTED,
    PARTIALLY_PAID,
    PAID,
    REJECTED,
    RELEASED,
    CLOSED;

    public boolean canBeApproved() {
        return this == REQUESTED;
    }

    public boolean canBeRejected() {
        return this == REQUESTED;
    }

    public boolean canBeCommitted() {
        return this == RESERVED;
    }

    public boolean canBePaid() {
        return this == COMMITTED || this == PARTIALLY_PAID;
    }

    public boolean canBeReleased() {
        return this == RESERVED || this == COMMITTED || this == PARTIALLY_PAID;
    }

    public boolean isFinal() {
        return this == PAID || this == REJECTED || this == RELEASED || this == CLOSED;
    }
}
