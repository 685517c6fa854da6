package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/**
 * A reservation as its budget holds it: an immutable value replaced by each event. {@code amount} is what was asked
 * for; {@code commitment} what was committed (zero before); {@code paid} the sum of the payments.
 */
public record Reservation(
        ReservationId id,
        BudgetType budget,
        MenuItem menuItem,
        Money amount,
        String candidateRef,
        LocalDate date,
        String organisation,
        String requestedBy,
        ReservationStatus initialStatus,
        ReservationStatus status,
        Money commitment,
        Money paid,
        List<Payment> payments,
        String fingerprint,
        boolean aboveGuidePrice) {

    public Reservation {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** What this reservation draws on its budget type now. */
    public Usage usage() {
        return usage(status, amount, commitment, paid);
    }

    /** What a reservation in {@code status} draws on its budget type; the one definition, for the read side too. */
    public static Usage usage(ReservationStatus status, Money amount, Money commitment, Money paid) {
        return switch (status) {
            case REQUESTED -> new Usage(amount, Money.ZERO, Money.ZERO, Money.ZERO);
            case RESERVED -> new Usage(Money.ZERO, amount, Money.ZERO, Money.ZERO);
            case COMMITTED, PARTIALLY_PAID, PAID -> new Usage(Money.ZERO, Money.ZERO, commitment.minus(paid), paid);
            case REJECTED, RELEASED, CLOSED -> new Usage(Money.ZERO, Money.ZERO, Money.ZERO, paid);
        };
    }

    /** Whether {@code username} of {@code organisation} is the partner that requested it. */
    public boolean isOwnedBy(String username, String organisationOfUser) {
        if (organisation != null && organisationOfUser != null) {
            return organisation.equals(organisationOfUser);
        }
        return Objects.equals(requestedBy, username);
    }

    public Optional<Payment> payment(String paymentId) {
        return payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst();
    }

    public Optional<Payment> paymentWithKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return payments.stream()
                .filter(p -> idempotencyKey.equals(p.idempotencyKey()))
                .findFirst();
    }

    Reservation withStatus(ReservationStatus next) {
        return new Reservation(
                id,
                budget,
                menuItem,
                amount,
                candidateRef,
                date,
                organisation,
                requestedBy,
                initialStatus,
                next,
                commitment,
                paid,
                payments,
                fingerprint,
                aboveGuidePrice);
    }

    Reservation committed(Money committedAmount) {
        return new Reservation(
                id,
                budget,
                menuItem,
                amount,
                candidateRef,
                date,
                organisation,
                requestedBy,
                initialStatus,
                ReservationStatus.COMMITTED,
                committedAmount,
                paid,
                payments,
                fingerprint,
                aboveGuidePrice);
    }

    Reservation paidWith(Payment payment, ReservationStatus next) {
        List<Payment> all = new ArrayList<>(payments);
        all.add(payment);
        return new Reservation(
                id,
                budget,
                menuItem,
                amount,
                candidateRef,
                date,
                organisation,
                requestedBy,
                initialStatus,
                next,
                commitment,
                paid.plus(payment.amount()),
                all,
                fingerprint,
                aboveGuidePrice);
    }
}
