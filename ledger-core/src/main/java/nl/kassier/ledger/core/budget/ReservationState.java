package nl.kassier.ledger.core.budget;

import java.util.Objects;
import nl.kassier.ledger.core.shared.Money;

/**
 * A reservation's figures as its events leave them: its status, the amount asked for, the commitment (zero before
 * one) and what has been paid. The one fold of a reservation's life (domain.md): the budget decides on it, the read
 * models store it, and a replay as of an instant rebuilds it, all through {@link #after}. The replay's checkpoints
 * store these figures: a change to {@link #after} or {@link #usage} must raise their fold version
 * ({@code ReplayCheckpoints.FOLD_VERSION}), so that no answer resumes from figures of the fold before.
 */
public record ReservationState(ReservationStatus status, Money amount, Money commitment, Money paid) {

    public ReservationState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(paid, "paid");
    }

    /** A reservation as it starts: requested, or reserved when the coördinator made it. */
    public static ReservationState of(BudgetReserved reserved) {
        return new ReservationState(reserved.status(), reserved.amount(), Money.ZERO, Money.ZERO);
    }

    /**
     * The state after {@code event}, one of this reservation's own. (Java 17 has no pattern switch: the chain below
     * names every kind of {@link ReservationEvent}, and the last line refuses one it does not know.)
     */
    public ReservationState after(ReservationEvent event) {
        if (event instanceof BudgetReserved reserved) {
            return of(reserved);
        }
        if (event instanceof ReservationApproved) {
            return withStatus(ReservationStatus.RESERVED);
        }
        if (event instanceof ReservationRejected) {
            return withStatus(ReservationStatus.REJECTED);
        }
        if (event instanceof ReservationCommitted committed) {
            return new ReservationState(ReservationStatus.COMMITTED, amount, committed.amount(), paid);
        }
        if (event instanceof PaymentRegistered payment) {
            // As the budget decides it: paid when the commitment is paid in full. (Not the status the event names, so
            // that a replay on a legal date that leaves out a later-dated payment still tells the truth.)
            Money paidNow = paid.plus(payment.amount());
            ReservationStatus next =
                    paidNow.equals(commitment) ? ReservationStatus.PAID : ReservationStatus.PARTIALLY_PAID;
            return new ReservationState(next, amount, commitment, paidNow);
        }
        if (event instanceof ReservationReleased released) {
            return withStatus(released.status());
        }
        if (event instanceof PaymentSettled || event instanceof PaymentDiscrepancyFound) {
            // What a bank statement said of a payment changes none of the reservation's figures.
            return this;
        }
        throw new IllegalArgumentException("not a step of a reservation: " + event);
    }

    private ReservationState withStatus(ReservationStatus next) {
        return new ReservationState(next, amount, commitment, paid);
    }

    /** What this reservation draws on its budget type now: the one definition, for every reader. */
    public Usage usage() {
        return switch (status) {
            case REQUESTED -> new Usage(amount, Money.ZERO, Money.ZERO, Money.ZERO);
            case RESERVED -> new Usage(Money.ZERO, amount, Money.ZERO, Money.ZERO);
            case COMMITTED, PARTIALLY_PAID, PAID -> new Usage(Money.ZERO, Money.ZERO, commitment.minus(paid), paid);
            case REJECTED, RELEASED, CLOSED -> new Usage(Money.ZERO, Money.ZERO, Money.ZERO, paid);
        };
    }

    /** What is committed and not yet paid. */
    public Money unpaid() {
        return commitment.minus(paid);
    }
}
