package nl.kassier.ledger.api.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.OpenDiscrepancies;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentReceipt;
import nl.kassier.ledger.core.budget.ReservationReceipt;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.budget.BudgetView;
import nl.kassier.ledger.projections.budget.ReservationQueries;
import nl.kassier.ledger.projections.budget.ReservationView;

/** The bodies the reservation and budget endpoints answer with, in the contract's field names. */
public final class ReservationResponses {

    private ReservationResponses() {}

    record Warning(String code, String message) {}

    record Created(String id, ReservationStatus status, List<Warning> warnings) {

        static Created of(ReservationReceipt receipt) {
            List<Warning> warnings = receipt.warnings().stream()
                    .map(code ->
                            new Warning(code, "the amount is above the guide price (richttarief) of this menu item"))
                    .toList();
            return new Created(receipt.id().value(), receipt.status(), warnings.isEmpty() ? null : warnings);
        }
    }

    record Paid(PaymentId paymentId, String reservationId, Money amount, ReservationStatus status) {

        static Paid of(PaymentReceipt receipt) {
            return new Paid(receipt.paymentId(), receipt.reservationId().value(), receipt.amount(), receipt.status());
        }
    }

    /**
     * A step of the history: its type, when it was recorded ({@code at}) and its legal {@code date}, who took it, for
     * how much, what it freed again, and its particulars where it has them.
     */
    public record Step(
            String type,
            Instant at,
            LocalDate date,
            String actor,
            Money amount,
            Money released,
            String reason,
            String reference,
            String paymentId,
            String invoiceRef,
            String detail) {

        static Step of(ReservationView.Step step) {
            HistoryEntry entry = step.entry();
            return new Step(
                    entry.type().name(),
                    step.at(),
                    entry.date(),
                    step.actor(),
                    entry.amount(),
                    entry.released(),
                    entry.reason(),
                    entry.reference(),
                    entry.paymentId(),
                    entry.invoiceRef(),
                    entry.detail());
        }
    }

    public record Reservation(
            String id,
            RegionCode region,
            int year,
            BudgetType budget,
            MenuItem menuItem,
            ReservationStatus status,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            OpenDiscrepancies.Summary openDiscrepancies,
            @JsonInclude(JsonInclude.Include.ALWAYS) String candidateRef,
            boolean erased,
            String organisation,
            String requestedBy,
            LocalDate date,
            Instant createdAt,
            List<Step> history) {

        /**
         * The reservation as {@code showsCandidate} allows: the candidate's pseudonym only for the regional roles, who
         * work with the candidate; the national roles read figures.
         */
        static Reservation of(ReservationView v, boolean showsCandidate) {
            return new Reservation(
                    v.id(),
                    v.region(),
                    v.year(),
                    v.budget(),
                    v.menuItem(),
                    v.status(),
                    v.requested(),
                    v.reserved(),
                    v.committed(),
                    v.paid(),
                    v.openDiscrepancies(),
                    showsCandidate ? v.candidateRef() : null,
                    v.erased(),
                    v.organisation(),
                    v.requestedBy(),
                    v.date(),
                    v.createdAt(),
                    v.history().isEmpty()
                            ? null
                            : v.history().stream().map(Step::of).toList());
        }
    }

    public record ReservationPage(List<Reservation> items, int page, int size, long total) {

        static ReservationPage of(ReservationQueries.Page page, boolean showsCandidates) {
            return new ReservationPage(
                    page.items().stream()
                            .map(v -> Reservation.of(v, showsCandidates))
                            .toList(),
                    page.number(),
                    page.size(),
                    page.total());
        }
    }

    /** Whether {@code user} may read candidates' pseudonyms: a partner or coördinator, in its own region. */
    static boolean showsCandidates(LedgerUser user) {
        return user.hasRole(Role.PARTNER) || user.hasRole(Role.COORDINATOR);
    }

    public record Line(
            List<BudgetType> budgets,
            Money cap,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money available,
            boolean overspent,
            String amendmentId) {}

    public record Budget(RegionCode region, int year, Instant asOf, BudgetStatus status, List<Line> lines) {

        static Budget of(BudgetView view) {
            return new Budget(
                    view.region(),
                    view.year(),
                    view.asOf(),
                    view.status(),
                    view.lines().stream()
                            .map(l -> new Line(
                                    l.budgets(),
                                    l.cap(),
                                    l.requested(),
                                    l.reserved(),
                                    l.committed(),
                                    l.paid(),
                                    l.available(),
                                    l.overspent(),
                                    l.amendmentId()))
                            .toList());
        }
    }
}
