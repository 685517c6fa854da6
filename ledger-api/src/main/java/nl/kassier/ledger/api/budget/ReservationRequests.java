package nl.kassier.ledger.api.budget;

import java.time.LocalDate;
import java.util.regex.Pattern;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/** The bodies of the reservation endpoints, each checked field by field before any command is sent. */
final class ReservationRequests {

    static final int YEAR_MIN = 2020;
    static final int YEAR_MAX = 2100;
    private static final int TEXT_LENGTH_MAX = 500;
    private static final int REFERENCE_LENGTH_MAX = 128;
    private static final int PAYMENT_ID_LENGTH_MAX = 64;
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PAYMENT_ID = Pattern.compile("[!-~]{1," + PAYMENT_ID_LENGTH_MAX + "}");

    private ReservationRequests() {}

    /** {@code POST /regions/{region}/reservations}. */
    record Reserve(
            Integer year,
            BudgetType budget,
            MenuItem menuItem,
            Money amount,
            CandidateBody candidate,
            LocalDate date,
            String description) {

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
            if (budget != null && budget != BudgetType.UITVOERINGSKOSTEN && v.required("candidate", candidate)) {
                if (v.required("candidate.ref", candidate.ref())
                        && !PSEUDONYM.matcher(candidate.ref()).matches()) {
                    v.fail("candidate.ref", "a pseudonym of 1 to 64 letters, digits or . _ : -; never a BSN or name");
                }
                if (candidate.jobLossDate() != null && candidate.jobLossDate().isAfter(today)) {
                    v.fail("candidate.jobLossDate", "may not lie in the future");
                }
            }
            if (date != null && date.isAfter(today)) {
                v.fail("date", "may not lie in the future");
            }
            v.maxLength("description", description, TEXT_LENGTH_MAX);
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

    record CandidateBody(String ref, TargetGroup targetGroup, LocalDate jobLossDate, Boolean jobAgreement) {}

    /** {@code POST /reservations/{id}/reject} and {@code /release}. */
    record Reason(String reason) {

        void validate() {
            Validation v = new Validation();
            v.maxLength("reason", reason, TEXT_LENGTH_MAX);
            v.throwIfInvalid();
        }
    }

    /** {@code POST /reservations/{id}/commit}. */
    record Commit(Money amount, String reference) {

        void validate() {
            Validation v = new Validation();
            if (v.required("amount", amount)) {
                v.amount("amount", amount, true);
            }
            v.maxLength("reference", reference, REFERENCE_LENGTH_MAX);
            v.throwIfInvalid();
        }
    }

    /** {@code POST /reservations/{id}/payments}. */
    record Pay(String paymentId, Money amount, LocalDate date, String invoiceRef) {

        void validate(LocalDate today) {
            Validation v = new Validation();
            if (v.required("paymentId", paymentId)
                    && !PAYMENT_ID.matcher(paymentId).matches()) {
                v.fail("paymentId", "1 to " + PAYMENT_ID_LENGTH_MAX + " visible ASCII characters");
            }
            if (v.required("amount", amount)) {
                v.amount("amount", amount, true);
            }
            if (date != null && date.isAfter(today)) {
                v.fail("date", "may not lie in the future");
            }
            v.maxLength("invoiceRef", invoiceRef, REFERENCE_LENGTH_MAX);
            v.throwIfInvalid();
        }
    }
}
