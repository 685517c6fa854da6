package nl.kassier.ledger.projections.asof;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationState;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.shared.BudgetType;

/**
 * A budget's replay stopped after the event with sequence number {@code sequence}, counting every step: its status,
 * what its reservations draw per budget type, and the latest legal date of the steps it folded. With the states of
 * the reservations that later events step ({@link Held}), a replay resumes from it instead of from the first event
 * ({@link BudgetReplay#resume}).
 *
 * <p>It serves an answer on a legal date only when none of its steps is dated after that day: then every step up to
 * it counts on that day, and the cut falls among the events after it, which the resumed replay folds one by one.
 */
public record ReplayCheckpoint(long sequence, BudgetStatus status, LocalDate latestDate, Map<BudgetType, Usage> usage) {

    public ReplayCheckpoint {
        Objects.requireNonNull(status, "status");
        usage = Map.copyOf(usage);
    }

    /**
     * Whether a replay cut at {@code on} ({@code null}: every step counts) can resume from this checkpoint. The query
     * for the latest checkpoint ({@link ReplayCheckpoints}) applies the same rule in SQL.
     */
    public boolean serves(LocalDate on) {
        return on == null || latestDate == null || !latestDate.isAfter(on);
    }

    /** A checkpoint as written: with the figures of the reservations its interval's events named. */
    public record WithReservations(ReplayCheckpoint checkpoint, Map<ReservationId, Held> held) {

        public WithReservations {
            Objects.requireNonNull(checkpoint, "checkpoint");
            held = Map.copyOf(held);
        }
    }

    /** A reservation at a checkpoint: the budget type it draws on, and the figures its events had left it. */
    public record Held(BudgetType budgetType, ReservationState state) {

        public Held {
            Objects.requireNonNull(budgetType, "budgetType");
            Objects.requireNonNull(state, "state");
        }
    }
}
