package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Role;

/**
 * A reservation as its budget holds it: what it is for and who asked, its figures ({@link ReservationState}, the one
 * fold of its life), the legal date no later step may precede ({@code steppedOn}: of the melding, then of its
 * approval, then of its commitment), and what the budget needs to recognise a retry: its payments and the fingerprint
 * of the request. An immutable value, replaced by each event ({@link #after}).
 */
public record Reservation(
        ReservationId id,
        BudgetType budgetType,
        MenuItem menuItem,
        CandidateId candidate,
        LocalDate date,
        String organisation,
        String requestedBy,
        String requesterRole,
        ReservationStatus initialStatus,
        ReservationState state,
        LocalDate steppedOn,
        List<Payment> payments,
        String fingerprint,
        boolean aboveGuidePrice) {

    public Reservation {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** The reservation a {@link BudgetReserved} starts. */
    static Reservation of(BudgetReserved event) {
        return new Reservation(
                event.reservationId(),
                event.budgetType(),
                event.menuItem(),
                event.candidate(),
                event.date(),
                event.actor().organisation(),
                event.actor().username(),
                event.actor().role(),
                event.status(),
                ReservationState.of(event),
                event.date(),
                List.of(),
                event.fingerprint(),
                event.aboveGuidePrice());
    }

    /** This reservation after {@code event}, one of its own. */
    Reservation after(ReservationEvent event) {
        List<Payment> next = payments;
        if (event instanceof PaymentRegistered paid) {
            next = new ArrayList<>(payments);
            next.add(new Payment(
                    paid.paymentId(),
                    paid.amount(),
                    paid.date(),
                    paid.invoiceRef(),
                    paid.idempotencyKey(),
                    paid.fingerprint()));
        }
        return new Reservation(
                id,
                budgetType,
                menuItem,
                candidate,
                date,
                organisation,
                requestedBy,
                requesterRole,
                initialStatus,
                state.after(event),
                event instanceof ReservationApproved || event instanceof ReservationCommitted
                        ? latest(steppedOn, event.date())
                        : steppedOn,
                next,
                fingerprint,
                aboveGuidePrice);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    public ReservationStatus status() {
        return state.status();
    }

    public Money amount() {
        return state.amount();
    }

    public Money commitment() {
        return state.commitment();
    }

    public Money paid() {
        return state.paid();
    }

    /** What this reservation draws on its budget type now. */
    public Usage usage() {
        return state.usage();
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
                && isPartnersRequest(requesterRole);
    }

    /**
     * Whether a reservation requested in {@code requesterRole} is a partner's request, which the partners of its
     * organisation own: a read model that keeps the organisation and this answer decides ownership as {@link
     * #isOwnedByPartnerOf} does.
     */
    public static boolean isPartnersRequest(String requesterRole) {
        return requesterRole == null || Role.PARTNER.name().equals(requesterRole);
    }
}
