package nl.kassier.ledger.api.budget;

import java.time.LocalDate;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;

/**
 * The bodies of the reservation endpoints. Each field is read as the domain's own value type, which refuses what it
 * cannot hold (a field error naming it); what remains to check here is what is required and what depends on today.
 */
public final class ReservationRequests {

    public static final int YEAR_MIN = 2020;
    public static final int YEAR_MAX = 2100;

    private ReservationRequests() {}

    /** {@code POST /regions/{region}/reservations}. */
    record Reserve(
            Integer year,
            BudgetType budget,
            MenuItem menuItem,
            Money amount,
            CandidateBody candidate,
            LocalDate date,
            Description description) {

        /** The melding's date: as given, or today. */
        LocalDate dateOr(LocalDate today) {
            return date != null ? date : today;
        }

        void validate(LocalDate today) {
            Validation v = new Validation();
            if (v.required("year", year)) {
                v.range("year", year, YEAR_MIN, YEAR_MAX);
            }
            v.required("budget", budget);
            if (v.required("menuItem", menuItem) && budget != null && menuItem.budget() != budget) {
                v.fail("menuItem", menuItem + " is not an item of " + budget);
            }
            if (v.required("amount", amount)) {
                v.amount("amount", amount, true);
            }
            boolean forCandidate = budget != null && budget != BudgetType.UITVOERINGSKOSTEN;
            // Uitvoeringskosten are not for a candidate; a candidate given all the same is checked like any other.
            if (candidate != null || (forCandidate && v.required("candidate", candidate))) {
                v.required("candidate.ref", candidate.ref());
                v.notAfter("candidate.jobLossDate", candidate.jobLossDate(), today);
            }
            v.notAfter("date", date, today);
            v.throwIfInvalid();
        }

        Candidate toCandidate() {
            if (candidate == null) {
                return null;
            }
            return new Candidate(
                    candidate.ref(),
                    candidate.targetGroup(),
                    candidate.jobLossDate(),
                    Boolean.TRUE.equals(candidate.jobAgreement()));
        }
    }

    record CandidateBody(CandidateRef ref, TargetGroup targetGroup, LocalDate jobLossDate, Boolean jobAgreement) {}

    /** {@code POST /reservations/{id}/approve}: the approval's legal date (optional, default today). */
    public record DateBody(LocalDate date) {}

    /** {@code POST /reservations/{id}/reject} and {@code /release}: why, and the step's legal date (default today). */
    public record ReasonBody(Reason reason, LocalDate date) {}

    /** {@code POST /reservations/{id}/commit}, with the commitment's legal date (optional, default today). */
    record Commit(Money amount, Reference reference, LocalDate date) {

        void validate() {
            Validation v = new Validation();
            if (v.required("amount", amount)) {
                v.amount("amount", amount, true);
            }
            v.throwIfInvalid();
        }
    }

    /** {@code POST /reservations/{id}/payments}. */
    record Pay(PaymentId paymentId, Money amount, LocalDate date, Reference invoiceRef) {

        /** What is required; the date's place among the steps is the budget's to judge (a step may not lie ahead). */
        void validate() {
            Validation v = new Validation();
            v.required("paymentId", paymentId);
            if (v.required("amount", amount)) {
                v.amount("amount", amount, true);
            }
            v.throwIfInvalid();
        }
    }
}
