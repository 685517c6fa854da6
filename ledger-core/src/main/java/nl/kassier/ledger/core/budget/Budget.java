package nl.kassier.ledger.core.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.EligibilitySetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.MenuSetting;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The budget of one region for one year: the consistency boundary of the cap (docs/adr/0004). It holds the part of
 * the regeling that concerns it, as adopted through events, what each budget type has drawn, and its reservations.
 * Every rule of a reservation is decided here, against this state alone, so concurrent commands cannot both pass a
 * check that only one of them may pass.
 *
 * <p>Checks run in the contract's order: scheme period, eligibility, menukaart maximum, cap. A refusal throws before
 * any event is applied.
 */
public class Budget {

    private static final String PARTNER_ROLE = "PARTNER";

    @AggregateIdentifier
    private String budgetId;

    private BudgetId budget;
    private List<Amendment> adopted = new ArrayList<>();
    private Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
    private Map<String, Reservation> reservations = new LinkedHashMap<>();
    private Set<String> reportedOverspending = new HashSet<>();
    /** Per payment id, the statement entry ({@code reconciliation/entry}) that settled it. */
    private Map<String, String> settledBy = new HashMap<>();
    /** Every statement entry recorded against a payment, as {@code paymentId@reconciliation/entry}. */
    private Set<String> statementEntries = new HashSet<>();

    private transient RegelingHistory law;
    /**
     * The ids of the reservations per candidate and menu item: derived from {@link #reservations} when first needed
     * (never stored in a snapshot), so that the menukaart check does not walk every reservation of the year.
     */
    private transient Map<String, List<String>> reservationsByCandidate;

    protected Budget() {
        // For Axon: the state is rebuilt from the events or a snapshot.
    }

    // ---------------------------------------------------------------- the law

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdoptAmendments command, Clock clock) {
        Set<String> known = new HashSet<>();
        adopted.forEach(a -> known.add(a.id()));
        for (Amendment extract : command.extracts()) {
            if (known.add(extract.id())) {
                apply(new AmendmentAdopted(command.budgetId(), command.budget(), extract, command.actor()));
            }
        }
        reportOverspending(LocalDate.now(clock), command.actor());
    }

    /**
     * Reports every line whose use now exceeds its allocation, once per allocation. A budget type that has use but
     * no cap line in force any more (a later amendment split a merged cap and left it out) is overspent too: no cap
     * means nothing may be spent, so it is reported as a line of its own with an allocation of zero, once.
     */
    private void reportOverspending(LocalDate today, Actor actor) {
        Set<BudgetType> covered = EnumSet.noneOf(BudgetType.class);
        for (CapLine line : law().caps(budget.year(), today)) {
            covered.addAll(line.budgets());
            Optional<Money> allocation = allocation(line, today);
            Money used = used(line.budgets());
            String amendmentId = law().allocationAmendment(budget.year(), line.budgets(), today)
                    .orElse(line.amendmentId());
            String key = overspendingKey(line.budgets(), amendmentId, allocation.orElse(Money.ZERO));
            if (used.isGreaterThan(allocation.orElse(Money.ZERO)) && !reportedOverspending.contains(key)) {
                apply(new BudgetLineOverspent(
                        budgetId, budget, line.budgets(), allocation.orElse(Money.ZERO), used, amendmentId, actor));
            }
        }
        for (Map.Entry<BudgetType, Usage> use : usage.entrySet()) {
            List<BudgetType> uncapped = List.of(use.getKey());
            if (!covered.contains(use.getKey())
                    && use.getValue().total().isPositive()
                    && !reportedOverspending.contains(overspendingKey(uncapped, null, Money.ZERO))) {
                apply(new BudgetLineOverspent(
                        budgetId, budget, uncapped, Money.ZERO, use.getValue().total(), null, actor));
            }
        }
    }

    /** What identifies a report: the line, the amendment that set its allocation (none: no cap) and the allocation. */
    private static String overspendingKey(List<BudgetType> budgets, String amendmentId, Money allocation) {
        return budgets + "@" + amendmentId + "@" + allocation.cents();
    }

    // ---------------------------------------------------------------- reservations

    @CommandHandler
    public ReservationReceipt handle(ReserveBudget command, Clock clock) {
        Reservation existing = reservations.get(command.reservationId().value());
        if (existing != null) {
            return retried(existing, command.fingerprint());
        }
        if (command.menuItem().budget() != command.budget()) {
            // The API refuses this already; the budget does not rely on it.
            throw new LedgerRejection(
                    LedgerErrorCode.VALIDATION_FAILED,
                    command.menuItem() + " is not an item of " + command.budget(),
                    List.of(new LedgerRejection.FieldError("menuItem", "not an item of " + command.budget())));
        }
        LocalDate today = LocalDate.now(clock);
        checkSchemePeriod(command, today);
        checkEligibility(command);
        boolean aboveGuidePrice = checkMenu(command, today);
        CapLine line = law().capLineFor(budget.year(), command.budget(), today)
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.CAP_EXCEEDED,
                        "no cap for " + command.budget() + " is in force for " + budget.year()));
        Money allocation = allocation(line, today)
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.CAP_EXCEEDED,
                        budget.region() + " has no allocation under the " + line.budgets() + " cap for "
                                + budget.year()));
        Money available = allocation.minus(used(line.budgets()));
        if (command.amount().isGreaterThan(available)) {
            throw new LedgerRejection(
                    LedgerErrorCode.CAP_EXCEEDED,
                    "only " + available.toPlainString() + " is available under the " + line.budgets() + " cap of "
                            + budget.region() + " for " + budget.year());
        }
        ReservationStatus status = command.approved() ? ReservationStatus.RESERVED : ReservationStatus.REQUESTED;
        apply(new BudgetReserved(
                budgetId,
                command.reservationId(),
                budget,
                command.budget(),
                command.menuItem(),
                command.amount(),
                command.candidate(),
                command.date(),
                command.description(),
                status,
                line.budgets(),
                law().allocationAmendment(budget.year(), line.budgets(), today).orElse(null),
                aboveGuidePrice,
                command.fingerprint(),
                command.actor()));
        return receipt(reservations.get(command.reservationId().value()));
    }

    private static ReservationReceipt retried(Reservation existing, String fingerprint) {
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new LedgerRejection(
                    LedgerErrorCode.IDEMPOTENCY_MISMATCH,
                    "this idempotency key was used for a different reservation request");
        }
        return receipt(existing);
    }

    /** The answer to a reservation request, the same for its first time and for every retry. */
    private static ReservationReceipt receipt(Reservation reservation) {
        return new ReservationReceipt(
                reservation.id(),
                reservation.initialStatus(),
                reservation.aboveGuidePrice() ? List.of(ReservationReceipt.ABOVE_GUIDE_PRICE) : List.of());
    }

    private void checkSchemePeriod(ReserveBudget command, LocalDate today) {
        Optional<LocalDate> start = law().schemeStart();
        Optional<LocalDate> end = law().schemeEnd(today);
        if (start.isEmpty() || end.isEmpty()) {
            throw new LedgerRejection(LedgerErrorCode.OUTSIDE_SCHEME, "no scheme period is in force");
        }
        LocalDate date = command.date();
        if (date.isBefore(start.get()) || date.isAfter(end.get())) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "the date " + date + " lies outside the scheme period " + start.get() + " to " + end.get());
        }
        if (budget.year() < start.get().getYear() || budget.year() > end.get().getYear()) {
            throw new LedgerRejection(
                    LedgerErrorCode.OUTSIDE_SCHEME,
                    "the year " + budget.year() + " lies outside the scheme period " + start.get() + " to "
                            + end.get());
        }
    }

    private void checkEligibility(ReserveBudget command) {
        if (command.budget() == BudgetType.UITVOERINGSKOSTEN) {
            return;
        }
        Candidate candidate = command.candidate();
        if (candidate == null) {
            throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "an intervention is for a candidate");
        }
        Optional<EligibilitySetting> rules = law().eligibility(command.date());
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
    private boolean checkMenu(ReserveBudget command, LocalDate today) {
        Optional<MenuSetting> entry = law().menu(command.menuItem(), today);
        if (entry.isEmpty()) {
            return false;
        }
        Money total = command.amount();
        if (command.candidate() != null) {
            total = total.plus(drawnFor(command.candidate().ref(), command));
        }
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

    /** What this budget already spends on the same menu item for the same candidate. */
    private Money drawnFor(CandidateRef candidateRef, ReserveBudget command) {
        Money drawn = Money.ZERO;
        for (String id :
                reservationsByCandidate().getOrDefault(candidateKey(candidateRef, command.menuItem()), List.of())) {
            drawn = drawn.plus(reservations.get(id).usage().total());
        }
        return drawn;
    }

    private Map<String, List<String>> reservationsByCandidate() {
        if (reservationsByCandidate == null) {
            reservationsByCandidate = new HashMap<>();
            reservations.values().forEach(this::indexByCandidate);
        }
        return reservationsByCandidate;
    }

    private void indexByCandidate(Reservation reservation) {
        if (reservation.candidateRef() != null) {
            reservationsByCandidate
                    .computeIfAbsent(
                            candidateKey(reservation.candidateRef(), reservation.menuItem()), k -> new ArrayList<>(1))
                    .add(reservation.id().value());
        }
    }

    private static String candidateKey(CandidateRef candidateRef, MenuItem menuItem) {
        return menuItem + "/" + candidateRef.value();
    }

    @CommandHandler
    public void handle(ApproveReservation command) {
        Reservation r = find(command.reservationId());
        requireState(r, r.status().canBeApproved(), "approved");
        apply(new ReservationApproved(budgetId, r.id(), r.amount(), command.actor()));
    }

    @CommandHandler
    public void handle(RejectReservation command) {
        Reservation r = find(command.reservationId());
        requireState(r, r.status().canBeRejected(), "rejected");
        apply(new ReservationRejected(budgetId, r.id(), r.amount(), command.reason(), command.actor()));
    }

    @CommandHandler
    public void handle(CommitReservation command) {
        Reservation r = find(command.reservationId());
        requireOwner(r, command.actor());
        requireState(r, r.status().canBeCommitted(), "committed");
        if (command.amount().isGreaterThan(r.amount())) {
            throw new LedgerRejection(
                    LedgerErrorCode.AMOUNT_EXCEEDED,
                    "the commitment may not exceed the reserved " + r.amount().toPlainString());
        }
        apply(new ReservationCommitted(
                budgetId,
                r.id(),
                command.amount(),
                r.amount().minus(command.amount()),
                command.reference(),
                command.actor()));
    }

    @CommandHandler
    public PaymentReceipt handle(RegisterPayment command, PaymentIdRegistry paymentIds) {
        Reservation r = find(command.reservationId());
        Optional<PaymentReceipt> retry = retriedPayment(r, command);
        if (retry.isPresent()) {
            return retry.get();
        }
        // A paid reservation has nothing left to pay: more is an amount exceeded, not a step out of order.
        requireState(r, r.status().canBePaid() || r.status() == ReservationStatus.PAID, "paid");
        Money open = r.commitment().minus(r.paid());
        if (command.amount().isGreaterThan(open)) {
            throw new LedgerRejection(
                    LedgerErrorCode.AMOUNT_EXCEEDED,
                    "only " + open.toPlainString() + " of the commitment is not yet paid");
        }
        String keyDigest = command.idempotencyKeyDigest();
        if (keyDigest != null && paymentIds.holderOfKey(keyDigest).isPresent()) {
            throw new LedgerRejection(
                    LedgerErrorCode.IDEMPOTENCY_MISMATCH,
                    "this idempotency key was used for a payment on another reservation");
        }
        if (!paymentIds.claim(command.paymentId(), r.id(), keyDigest)) {
            throw new LedgerRejection(
                    LedgerErrorCode.DUPLICATE, "payment " + command.paymentId() + " is already registered");
        }
        ReservationStatus next =
                command.amount().equals(open) ? ReservationStatus.PAID : ReservationStatus.PARTIALLY_PAID;
        apply(new PaymentRegistered(
                budgetId,
                r.id(),
                command.paymentId(),
                command.amount(),
                command.date(),
                command.invoiceRef(),
                command.idempotencyKey(),
                command.fingerprint(),
                next,
                command.actor()));
        return new PaymentReceipt(command.paymentId(), r.id(), command.amount(), next);
    }

    /** A payment id or idempotency key seen before: the first answer again, a mismatch, or a duplicate. */
    private static Optional<PaymentReceipt> retriedPayment(Reservation r, RegisterPayment command) {
        Optional<Payment> sameKey = r.paymentWithKey(command.idempotencyKey());
        if (sameKey.isPresent()) {
            if (!sameKey.get().fingerprint().equals(command.fingerprint())) {
                throw new LedgerRejection(
                        LedgerErrorCode.IDEMPOTENCY_MISMATCH, "this idempotency key was used for a different payment");
            }
            Payment first = sameKey.get();
            return Optional.of(new PaymentReceipt(first.paymentId(), r.id(), first.amount(), statusAfter(r, first)));
        }
        if (r.payment(command.paymentId()).isPresent()) {
            throw new LedgerRejection(
                    LedgerErrorCode.DUPLICATE, "payment " + command.paymentId() + " is already registered");
        }
        return Optional.empty();
    }

    private static ReservationStatus statusAfter(Reservation r, Payment payment) {
        Money paidUpTo = Money.ZERO;
        for (Payment p : r.payments()) {
            paidUpTo = paidUpTo.plus(p.amount());
            if (p.paymentId().equals(payment.paymentId())) {
                break;
            }
        }
        return paidUpTo.equals(r.commitment()) ? ReservationStatus.PAID : ReservationStatus.PARTIALLY_PAID;
    }

    @CommandHandler
    public void handle(ReleaseReservation command) {
        Reservation r = find(command.reservationId());
        requireOwner(r, command.actor());
        requireState(r, r.status().canBeReleased(), "released");
        Usage drawn = r.usage();
        Money released = drawn.total().minus(drawn.paid());
        ReservationStatus next = r.paid().isPositive() ? ReservationStatus.CLOSED : ReservationStatus.RELEASED;
        apply(new ReservationReleased(budgetId, r.id(), released, command.reason(), next, command.actor()));
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * A bank statement shows a payment. The same statement entry again records nothing; a payment that another entry
     * settled already is refused, for the bank does not pay one payment twice.
     */
    @CommandHandler
    public void handle(SettlePayment command) {
        Reservation r = find(command.reservationId());
        Payment payment = r.payment(command.paymentId())
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.NOT_FOUND, "no payment " + command.paymentId() + " on reservation " + r.id()));
        if (statementEntries.contains(command.paymentId().value() + "@" + command.entryKey())) {
            return;
        }
        String earlier = settledBy.get(command.paymentId().value());
        if (earlier != null) {
            throw new LedgerRejection(
                    LedgerErrorCode.DUPLICATE,
                    "payment " + command.paymentId() + " was settled by statement entry " + earlier + " already");
        }
        if (command.bankAmount().equals(payment.amount())) {
            apply(new PaymentSettled(
                    budgetId,
                    r.id(),
                    payment.paymentId(),
                    payment.amount(),
                    command.reconciliationId(),
                    command.statementId(),
                    command.entryReference(),
                    command.bookingDate(),
                    command.actor()));
        } else {
            apply(new PaymentDiscrepancyFound(
                    budgetId,
                    r.id(),
                    payment.paymentId(),
                    command.bankAmount(),
                    payment.amount(),
                    command.reconciliationId(),
                    command.statementId(),
                    command.entryReference(),
                    command.bookingDate(),
                    command.actor()));
        }
    }

    private Reservation find(ReservationId id) {
        Reservation r = reservations.get(id.value());
        if (r == null) {
            throw new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no reservation " + id);
        }
        return r;
    }

    private static void requireState(Reservation r, boolean allowed, String step) {
        if (!allowed) {
            throw new LedgerRejection(
                    LedgerErrorCode.INVALID_STATE, "a reservation that is " + r.status() + " cannot be " + step);
        }
    }

    /** A partner acts only on the reservations its own organisation requested. */
    private static void requireOwner(Reservation r, Actor actor) {
        if (PARTNER_ROLE.equals(actor.role()) && !r.isOwnedByPartnerOf(actor.organisation())) {
            throw new LedgerRejection(
                    LedgerErrorCode.FORBIDDEN, "a partner acts only on the reservations it requested");
        }
    }

    // ---------------------------------------------------------------- derived state

    private RegelingHistory law() {
        if (law == null) {
            law = RegelingHistory.of(adopted);
        }
        return law;
    }

    private Optional<Money> allocation(CapLine line, LocalDate today) {
        return Optional.ofNullable(
                law().allocations(budget.year(), line.budgets(), today).get(budget.region()));
    }

    private Money used(List<BudgetType> types) {
        Money used = Money.ZERO;
        for (BudgetType type : types) {
            used = used.plus(usage.getOrDefault(type, Usage.NONE).total());
        }
        return used;
    }

    // ---------------------------------------------------------------- event sourcing

    @EventSourcingHandler
    void on(AmendmentAdopted event) {
        budgetId = event.budgetId();
        budget = event.budget();
        adopted.add(event.amendment());
        law = null;
    }

    @EventSourcingHandler
    void on(BudgetLineOverspent event) {
        reportedOverspending.add(overspendingKey(event.budgets(), event.amendmentId(), event.allocation()));
    }

    @EventSourcingHandler
    void on(BudgetReserved event) {
        Reservation reservation = new Reservation(
                event.reservationId(),
                event.budgetType(),
                event.menuItem(),
                event.amount(),
                event.candidate() == null ? null : event.candidate().ref(),
                event.date(),
                event.actor().organisation(),
                event.actor().username(),
                event.status(),
                event.status(),
                Money.ZERO,
                Money.ZERO,
                List.of(),
                event.fingerprint(),
                event.aboveGuidePrice(),
                event.actor().role());
        replace(null, reservation);
    }

    @EventSourcingHandler
    void on(ReservationApproved event) {
        Reservation r = reservations.get(event.reservationId().value());
        replace(r, r.withStatus(ReservationStatus.RESERVED));
    }

    @EventSourcingHandler
    void on(ReservationRejected event) {
        Reservation r = reservations.get(event.reservationId().value());
        replace(r, r.withStatus(ReservationStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(ReservationCommitted event) {
        Reservation r = reservations.get(event.reservationId().value());
        replace(r, r.committed(event.amount()));
    }

    @EventSourcingHandler
    void on(PaymentRegistered event) {
        Reservation r = reservations.get(event.reservationId().value());
        Payment payment = new Payment(
                event.paymentId(),
                event.amount(),
                event.date(),
                event.invoiceRef(),
                event.idempotencyKey(),
                event.fingerprint());
        replace(r, r.paidWith(payment, event.status()));
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        Reservation r = reservations.get(event.reservationId().value());
        replace(r, r.withStatus(event.status()));
    }

    @EventSourcingHandler
    void on(PaymentSettled event) {
        String entry = event.reconciliationId() + "/" + event.entryReference();
        settledBy.put(event.paymentId().value(), entry);
        statementEntries.add(event.paymentId().value() + "@" + entry);
    }

    @EventSourcingHandler
    void on(PaymentDiscrepancyFound event) {
        statementEntries.add(event.paymentId().value() + "@" + event.reconciliationId() + "/" + event.entryReference());
    }

    /** Swaps a reservation for its next state and moves its draw on the budget type with it. */
    private void replace(Reservation before, Reservation after) {
        Usage current = usage.getOrDefault(after.budget(), Usage.NONE);
        if (before != null) {
            current = current.minus(before.usage());
        }
        usage.put(after.budget(), current.plus(after.usage()));
        reservations.put(after.id().value(), after);
        if (before == null && reservationsByCandidate != null) {
            // A reservation's candidate and menu item never change: only a new one joins the index.
            indexByCandidate(after);
        }
    }
}
