package nl.kassier.ledger.core.budget;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Role;

/**
 * The rules of a reservation's life, as pure functions of the budget's law, what it has drawn and today's date: the
 * decision on a new reservation (in the contract's order: input, scheme period, eligibility, menukaart maximum, cap),
 * and the law's dates on each later step. A refusal throws a {@link LedgerRejection} before anything is recorded.
 */
public final class ReservationRules {

    private ReservationRules() {}

    /**
     * What the budget knows that a decision needs: its law and usage, and for the request's candidate ({@code
     * candidate}, null when none is named) what the same menu item already draws.
     */
    public record Facts(
            BudgetId id,
            RegelingHistory law,
            Map<BudgetType, Usage> usage,
            CandidateId candidate,
            Money drawnForCandidateAndItem) {}

    /**
     * Returns the event that records the reservation, or refuses it. Only an accepted request's personal data is sealed
     * ({@code vault}), so a refusal leaves no key behind.
     */
    public static BudgetReserved decide(Facts budget, ReserveBudget command, LocalDate today, PersonalDataVault vault) {
        if (command.menuItem().budget() != command.budget()) {
            // The API refuses this already; the budget does not rely on it.
            throw new LedgerRejection(
                    LedgerErrorCode.VALIDATION_FAILED,
                    command.menuItem() + " is not an item of " + command.budget(),
                    List.of(new LedgerRejection.FieldError("menuItem", "not an item of " + command.budget())));
        }
        checkWhoDraws(command);
        RegelingHistory law = budget.law();
        int year = budget.id().year();
        checkSchemePeriod(law, year, command, today);
        checkEligibility(law, command);
        boolean aboveGuidePrice = checkMenu(law, command, budget.drawnForCandidateAndItem(), today);
        List<BudgetLine> lines = BudgetLine.of(law, budget.id().region(), year, today, budget.usage());
        BudgetLine line = BudgetLine.covering(lines, command.budget())
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.CAP_EXCEEDED, "no cap for " + command.budget() + " is in force for " + year));
        if (!line.allocated()) {
            throw new LedgerRejection(
                    LedgerErrorCode.CAP_EXCEEDED,
                    budget.id().region() + " has no allocation under the " + line.budgets() + " cap for " + year);
        }
        if (command.amount().isGreaterThan(line.available())) {
            throw new LedgerRejection(
                    LedgerErrorCode.CAP_EXCEEDED,
                    "only " + line.available().toPlainString() + " is available under the " + line.budgets()
                            + " cap of " + budget.id().region() + " for " + year);
        }
        return new BudgetReserved(
                budget.id().value(),
                command.reservationId(),
                budget.id(),
                command.budget(),
                command.menuItem(),
                command.amount(),
                budget.candidate(),
                command.candidate() == null ? null : command.candidate().targetGroup(),
                command.date(),
                sealed(budget.candidate(), command, vault),
                command.approved() ? ReservationStatus.RESERVED : ReservationStatus.REQUESTED,
                line.budgets(),
                law.allocationAmendment(year, line.budgets(), today).orElse(null),
                aboveGuidePrice,
                vault.fingerprint(command.fingerprint()),
                command.actor());
    }

    private static SealedPersonalData sealed(CandidateId id, ReserveBudget command, PersonalDataVault vault) {
        Candidate candidate = command.candidate();
        PersonalData data = candidate == null
                ? new PersonalData(null, null, null, command.description())
                : new PersonalData(
                        candidate.ref(), candidate.jobLossDate(), candidate.jobAgreement(), command.description());
        return data.isEmpty() ? null : vault.seal(id, data);
    }

    /** Uitvoeringskosten are paid to UWV and the gemeenten only: drawn by the coördinator or their partners. */
    private static void checkWhoDraws(ReserveBudget command) {
        if (command.budget() == BudgetType.UITVOERINGSKOSTEN
                && Role.PARTNER.name().equals(command.actor().role())
                && (command.requesterType() == null || !command.requesterType().drawsOnUitvoeringskosten())) {
            throw new LedgerRejection(
                    LedgerErrorCode.FORBIDDEN,
                    "uitvoeringskosten are drawn by the coördinator or a partner of UWV or a gemeente only, not by "
                            + (command.requesterType() == null
                                    ? "a partner of unknown kind"
                                    : "a partner of kind " + command.requesterType()));
        }
    }

    private static void checkSchemePeriod(RegelingHistory law, int year, ReserveBudget command, LocalDate today) {
        Optional<LocalDate> start = law.schemeStart();
        Optional<LocalDate> end = law.schemeEnd(today);
        if (start.isEmpty() || end.isEmpty()) {
            throw new LedgerRejection(LedgerErrorCode.OUTSIDE_SCHEME, "no scheme period is in force");
        }
        LocalDate date = command.date();
        if (date.isBefore(start.get()) || date.isAfter(end.get())) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "the date " + date + " lies outside the scheme period " + start.get() + " to " + end.get());
        }
        if (year < start.get().getYear() || year > end.get().getYear()) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "the year " + year + " lies outside the scheme period " + start.get() + " to " + end.get());
        }
        if (date.getYear() != year) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "a melding dated " + date + " belongs to the budget of " + date.getYear() + ", not of " + year);
        }
    }

    /**
     * A later step's legal date: never after today, and never before the step it follows (the melding, then the
     * approval, then the commitment).
     */
    static void checkStepDate(Reservation reservation, LocalDate date, LocalDate today, String step) {
        // step: "an approval", "a payment", …
        if (date.isAfter(today)) {
            throw new LedgerRejection(
                    LedgerErrorCode.DATE_OUT_OF_ORDER,
                    step + " cannot be dated " + date + ": that lies after today, " + today);
        }
        LocalDate previous = reservation.steppedOn();
        if (previous != null && date.isBefore(previous)) {
            throw new LedgerRejection(
                    LedgerErrorCode.DATE_OUT_OF_ORDER,
                    step + " dated " + date + " would come before the reservation's step of " + previous);
        }
    }

    /**
     * No new obligation after the regeling lapsed: an approval or a commitment dated after the scheme end in force is
     * refused. Rejections and releases are allowed at any date.
     */
    static void checkWithinScheme(RegelingHistory law, LocalDate date, LocalDate today, String step) {
        Optional<LocalDate> end = law.schemeEnd(today);
        if (end.isPresent() && date.isAfter(end.get())) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "the scheme ended on " + end.get() + ": no " + step + " may be dated " + date);
        }
    }

    /** Commitments made within the scheme are paid after its end too, up to the payments' end an amendment sets. */
    static void checkPaymentDate(RegelingHistory law, LocalDate date, LocalDate today) {
        Optional<LocalDate> end = law.paymentsEnd(today);
        if (end.isPresent() && date.isAfter(end.get())) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "payments under the regeling ended on " + end.get() + ": none may be dated " + date);
        }
    }

    private static void checkEligibility(RegelingHistory law, ReserveBudget command) {
        if (command.budget() == BudgetType.UITVOERINGSKOSTEN) {
            return;
        }
        Candidate candidate = command.candidate();
        if (candidate == null) {
            throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "an intervention is for a candidate");
        }
        Optional<EligibilitySetting> rules = law.eligibility(command.date());
        if (rules.isPresent() && rules.get().covidReferenceDateRequired()) {
            LocalDate reference = rules.get().covidReferenceDate();
            if (candidate.jobLossDate() == null || candidate.jobLossDate().isBefore(reference)) {
                throw new LedgerRejection(
                        LedgerErrorCode.NOT_ELIGIBLE,
                        "on " + command.date() + " the job must have been lost or threatened on or after " + reference);
            }
        }
        if (command.budget() == BudgetType.WERKFITBEHOUD && !candidate.jobAgreement()) {
            throw new LedgerRejection(
                    LedgerErrorCode.NOT_ELIGIBLE, "werkfitbehoud is only for the doelgroep banenafspraak");
        }
    }

    /** Refuses above a maximum; returns whether a guide price (which only warns) is exceeded. */
    private static boolean checkMenu(RegelingHistory law, ReserveBudget command, Money drawn, LocalDate today) {
        Optional<MenuSetting> entry = law.menu(command.menuItem(), today);
        if (entry.isEmpty()) {
            return false;
        }
        Money total = command.candidate() == null
                ? command.amount()
                : command.amount().plus(drawn);
        MenuSetting setting = entry.get();
        if (setting.maximum() != null && total.isGreaterThan(setting.maximum())) {
            throw new LedgerRejection(
                    LedgerErrorCode.ABOVE_MENU_MAXIMUM,
                    command.menuItem() + " has a maximum of "
                            + setting.maximum().toPlainString() + " per candidate; this would make "
                            + total.toPlainString());
        }
        return setting.guidePrice() != null && total.isGreaterThan(setting.guidePrice());
    }
}
