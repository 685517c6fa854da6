package nl.kassier.ledger.core.budget;

import nl.kassier.ledger.core.shared.Money;

/**
 * What is drawn on a budget type: awaiting approval ({@code requested}), approved but not committed
 * ({@code reserved}), committed but not yet paid ({@code committed}) and paid. All four count against the cap.
 */
public record Usage(Money requested, Money reserved, Money committed, Money paid) {

    public static final Usage NONE = new Usage(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public Usage plus(Usage other) {
        return new Usage(
                requested.plus(other.requested),
                reserved.plus(other.reserved),
                committed.plus(other.committed),
                paid.plus(other.paid));
    }

    public Usage minus(Usage other) {
        return new Usage(
                requested.minus(other.requested),
                reserved.minus(other.reserved),
                committed.minus(other.committed),
                paid.minus(other.paid));
    }

    /** Everything that counts against the cap. */
    public Money total() {
        return requested.plus(reserved).plus(committed).plus(paid);
    }
}
