package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
        CandidateRef candidateRef,
        LocalDate date,
        String organisation,
        String requestedBy,
        ReservationStatus initialStatus,
        ReservationStatus status,
        Money commitment,
        Money paid,
        List<Payment> payments,
        String fingerprint,
        boolean aboveGuidePrice,
        String requesterRole) {

    static final String PARTNER_ROLE = "PARTNER";

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

    /**
     * Whether a partner of {@code organisationOfPartner} may act on it: only on what a partner of the same
     * organisation requested. A name is no proof of it (a partner's token may carry a coördinator's name as its
     * subject), and a partner without an organisation owns nothing. A reservation recorded before the requester's role
     * was kept ({@code requesterRole} null) is owned by its organisation alone.
     */
    public boolean isOwnedByPartnerOf(String organisationOfPartner) {
        return organisationOfPartner != null
                && organisationOfPartner.equals(organisation)
                && (requesterRole == null || PARTNER_ROLE.equals(requesterRole));
    }

    public Optional<Payment> payment(PaymentId paymentId) {
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
                aboveGuidePrice,
                requesterRole);
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
                aboveGuidePrice,
                requesterRole);
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
                aboveGuidePrice,
                requesterRole);
    }
}
