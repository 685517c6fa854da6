package nl.kassier.ledger.core.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.core.budget.Settlements.Sighting;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

/**
 * The budget of one region for one year: the consistency boundary of the cap (docs/adr/0004). It holds the part of
 * the regeling that concerns it, as adopted through events, what each budget type has drawn, and its reservations.
 * Every rule of a reservation is decided here, against this state alone, so concurrent commands cannot both pass a
 * check that only one of them may pass. A new reservation is decided by {@link ReservationRules}; a reservation's
 * figures follow its events through {@link ReservationState}, the one fold that the read models and a replay as of an
 * instant use too.
 *
 * <p>The revision is that of the state's form in a snapshot: a snapshot of another form is not read, and the budget is
 * loaded from its events instead.
 */
@Revision("4")
public class Budget {

    @AggregateIdentifier
    private String budgetId;

    private BudgetId budget;
    private List<Amendment> adopted = new ArrayList<>();
    private Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
    private Map<String, Reservation> reservations = new LinkedHashMap<>();
    private OverspendingReport overspending = new OverspendingReport();
    private Settlements settlements = new Settlements();
    private BudgetStatus status = BudgetStatus.OPEN;
    private LocalDate closedOn;

    private transient RegelingHistory law;
    /**
     * The ids of the reservations per candidate and menu item: derived from {@link #reservations} when first needed
     * (never stored in a snapshot), so that the menukaart check does not walk every reservation of the year.
     */
    private transient Map<CandidateItem, List<ReservationId>> reservationsByCandidate;

    /** A candidate and a menu item: what the menukaart maximum is per. */
    private record CandidateItem(CandidateId candidate, MenuItem item) {}

    /**
     * The payments of each reservation by payment id and by idempotency key: derived from {@link #reservations} when
     * first needed (never stored in a snapshot), so that a payment run does not walk a reservation's earlier payments
     * twice for every payment.
     */
    private transient Map<PaymentLookup, Payment> paymentsByLookup;

    /** A reservation's payment by its id ({@code key} false) or by its idempotency key. */
    private record PaymentLookup(String reservationId, String value, boolean key) {}

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
     * Reports every line whose use now exceeds its allocation, once per allocation; use under no cap in force is a line
     * of its own with an allocation of zero (see {@link BudgetLine}).
     */
    private void reportOverspending(LocalDate today, Actor actor) {
        overspending.due(budget, lines(today), actor).forEach(report -> apply(report));
    }

    private List<BudgetLine> lines(LocalDate today) {
        return BudgetLine.of(law(), budget.region(), budget.year(), today, usage);
    }

    // ---------------------------------------------------------------- reservations

    @CommandHandler
    public ReservationReceipt handle(ReserveBudget command, Clock clock, PersonalDataVault vault) {
        Reservation existing = reservations.get(command.reservationId().value());
        if (existing != null) {
            return retried(existing, vault.fingerprint(command.fingerprint()));
        }
        requireOpen("reservation");
        CandidateId candidate = command.candidate() == null
                ? null
                : vault.candidateOf(command.candidate().ref());
        Money drawn = candidate == null ? Money.ZERO : drawnFor(new CandidateItem(candidate, command.menuItem()));
        apply(ReservationRules.decide(
                new ReservationRules.Facts(budget, law(), usage, candidate, drawn),
                command,
                LocalDate.now(clock),
                vault));
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

    /** What this budget already spends on the same menu item for the same candidate. */
    private Money drawnFor(CandidateItem key) {
        Money drawn = Money.ZERO;
        for (ReservationId id : reservationsByCandidate().getOrDefault(key, List.of())) {
            drawn = drawn.plus(reservations.get(id.value()).usage().total());
        }
        return drawn;
    }

    private Map<CandidateItem, List<ReservationId>> reservationsByCandidate() {
        if (reservationsByCandidate == null) {
            reservationsByCandidate = new HashMap<>();
            reservations.values().forEach(this::indexByCandidate);
        }
        return reservationsByCandidate;
    }

    /** The reservation's first payment with {@code paymentId}, as its payments list it. */
    private Optional<Payment> payment(Reservation r, PaymentId paymentId) {
        return Optional.ofNullable(paymentsByLookup().get(new PaymentLookup(r.id().value(), paymentId.value(), false)));
    }

    /** The reservation's first payment with {@code idempotencyKey}, none for a payment without a key. */
    private Optional<Payment> paymentWithKey(Reservation r, String idempotencyKey) {
        return idempotencyKey == null
                ? Optional.empty()
                : Optional.ofNullable(paymentsByLookup().get(new PaymentLookup(r.id().value(), idempotencyKey, true)));
    }

    private Map<PaymentLookup, Payment> paymentsByLookup() {
        if (paymentsByLookup == null) {
            paymentsByLookup = new HashMap<>();
            for (Reservation r : reservations.values()) {
                r.payments().forEach(p -> indexPayment(r.id(), p));
            }
        }
        return paymentsByLookup;
    }

    private void indexPayment(ReservationId reservation, Payment payment) {
        // The first payment with an id or key is the one a lookup finds, as a walk through the list would.
        paymentsByLookup.putIfAbsent(
                new PaymentLookup(reservation.value(), payment.paymentId().value(), false), payment);
        if (payment.idempotencyKey() != null) {
            paymentsByLookup.putIfAbsent(
                    new PaymentLookup(reservation.value(), payment.idempotencyKey(), true), payment);
        }
    }

    private void indexByCandidate(Reservation reservation) {
        if (reservation.candidate() != null) {
            reservationsByCandidate
                    .computeIfAbsent(
                            new CandidateItem(reservation.candidate(), reservation.menuItem()), k -> new ArrayList<>(1))
                    .add(reservation.id());
        }
    }

    @CommandHandler
    public void handle(ApproveReservation command, Clock clock) {
        Reservation r = find(command.reservationId());
        requireOpen("approval");
        requireState(r, r.status().canBeApproved(), "approved");
        LocalDate today = LocalDate.now(clock);
        ReservationRules.checkStepDate(r, command.date(), today, "an approval");
        ReservationRules.checkWithinScheme(law(), command.date(), today, "approval");
        apply(new ReservationApproved(budgetId, r.id(), r.amount(), command.date(), command.actor()));
    }

    @CommandHandler
    public void handle(RejectReservation command, Clock clock) {
        Reservation r = find(command.reservationId());
        requireNotSettled();
        requireState(r, r.status().canBeRejected(), "rejected");
        ReservationRules.checkStepDate(r, command.date(), LocalDate.now(clock), "a rejection");
        apply(new ReservationRejected(budgetId, r.id(), r.amount(), command.reason(), command.date(), command.actor()));
    }

    @CommandHandler
    public void handle(CommitReservation command, Clock clock) {
        Reservation r = find(command.reservationId());
        requireOwner(r, command.actor());
        requireOpen("commitment");
        requireState(r, r.status().canBeCommitted(), "committed");
        LocalDate today = LocalDate.now(clock);
        ReservationRules.checkStepDate(r, command.date(), today, "a commitment");
        ReservationRules.checkWithinScheme(law(), command.date(), today, "commitment");
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
                command.date(),
                command.actor()));
    }

    @CommandHandler
    public PaymentReceipt handle(RegisterPayment command, PaymentIdRegistry paymentIds, Clock clock) {
        Reservation r = find(command.reservationId());
        Optional<PaymentReceipt> retry = retriedPayment(r, command);
        if (retry.isPresent()) {
            return retry.get();
        }
        requireNotSettled();
        // A paid reservation has nothing left to pay: more is an amount exceeded, not a step out of order.
        requireState(r, r.status().canBePaid() || r.status() == ReservationStatus.PAID, "paid");
        LocalDate today = LocalDate.now(clock);
        ReservationRules.checkStepDate(r, command.date(), today, "a payment");
        ReservationRules.checkPaymentDate(law(), command.date(), today);
        Money open = r.state().unpaid();
        if (command.amount().isGreaterThan(open)) {
            throw new LedgerRejection(
                    LedgerErrorCode.AMOUNT_EXCEEDED,
                    "only " + open.toPlainString() + " of the commitment is not yet paid");
        }
        switch (paymentIds.claim(command.paymentId(), r.id(), command.idempotencyKeyDigest())) {
            case KEY_TAKEN ->
                throw new LedgerRejection(
                        LedgerErrorCode.IDEMPOTENCY_MISMATCH,
                        "this idempotency key was used for a payment on another reservation");
            case ID_TAKEN ->
                throw new LedgerRejection(
                        LedgerErrorCode.DUPLICATE, "payment " + command.paymentId() + " is already registered");
            case CLAIMED -> {
                // The id is this payment's; it is recorded below.
            }
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
    private Optional<PaymentReceipt> retriedPayment(Reservation r, RegisterPayment command) {
        Optional<Payment> sameKey = paymentWithKey(r, command.idempotencyKey());
        if (sameKey.isPresent()) {
            if (!sameKey.get().fingerprint().equals(command.fingerprint())) {
                throw new LedgerRejection(
                        LedgerErrorCode.IDEMPOTENCY_MISMATCH, "this idempotency key was used for a different payment");
            }
            Payment first = sameKey.get();
            return Optional.of(new PaymentReceipt(first.paymentId(), r.id(), first.amount(), statusAfter(r, first)));
        }
        if (payment(r, command.paymentId()).isPresent()) {
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
    public void handle(ReleaseReservation command, Clock clock) {
        Reservation r = find(command.reservationId());
        requireOwner(r, command.actor());
        requireNotSettled();
        requireState(r, r.status().canBeReleased(), "released");
        ReservationRules.checkStepDate(r, command.date(), LocalDate.now(clock), "a release");
        apply(release(r, command.reason(), command.date(), command.actor()));
    }

    /** The vrijval of whatever {@code r} has not paid: RELEASED, or CLOSED when something was paid. */
    private ReservationReleased release(Reservation r, Reason reason, LocalDate date, Actor actor) {
        Usage drawn = r.usage();
        Money released = drawn.total().minus(drawn.paid());
        ReservationStatus next = r.paid().isPositive() ? ReservationStatus.CLOSED : ReservationStatus.RELEASED;
        return new ReservationReleased(budgetId, r.id(), released, reason, next, date, actor);
    }

    // ---------------------------------------------------------------- the end of a budget year

    /**
     * Closes the year: every requested reservation is rejected and every reserved one released, each as an event of
     * its own with the closing's reason and date; commitments stay payable. The year must be over, and the closing
     * may not precede a step of the reservations it frees.
     */
    @CommandHandler
    public ClosingReceipt handle(CloseBudget command, Clock clock) {
        if (status != BudgetStatus.OPEN) {
            throw new LedgerRejection(
                    LedgerErrorCode.INVALID_STATE, "the budget of " + budget + " is " + status + " already");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate date = command.date();
        if (date.isAfter(today)) {
            throw new LedgerRejection(
                    LedgerErrorCode.DATE_OUT_OF_ORDER,
                    "a closing cannot be dated " + date + ": that lies after today, " + today);
        }
        if (date.getYear() <= budget.year()) {
            throw new LedgerRejection(
                    LedgerErrorCode.DATE_OUT_OF_ORDER,
                    "a budget year is closed once it is over: " + budget.year() + " ends on " + budget.year()
                            + "-12-31");
        }
        List<Reservation> freed = reservations.values().stream()
                .filter(r -> r.status() == ReservationStatus.REQUESTED || r.status() == ReservationStatus.RESERVED)
                .toList();
        freed.forEach(r -> ReservationRules.checkStepDate(r, date, today, "a closing"));
        int rejected = 0;
        Money total = Money.ZERO;
        for (Reservation r : freed) {
            if (r.status() == ReservationStatus.REQUESTED) {
                apply(new ReservationRejected(budgetId, r.id(), r.amount(), command.reason(), date, command.actor()));
                rejected++;
            } else {
                apply(release(r, command.reason(), date, command.actor()));
            }
            total = total.plus(r.amount());
        }
        apply(new BudgetClosed(budgetId, budget, date, command.reason(), command.actor()));
        return new ClosingReceipt(budget, status, rejected, freed.size() - rejected, total);
    }

    /**
     * Settles a closed year (the vaststelling): what is committed and not paid is released, each as an event of its
     * own with the settlement's reason and date, and from then nothing changes on the budget.
     */
    @CommandHandler
    public ClosingReceipt handle(SettleBudget command, Clock clock) {
        if (status != BudgetStatus.CLOSED) {
            throw new LedgerRejection(
                    LedgerErrorCode.INVALID_STATE,
                    status == BudgetStatus.SETTLED
                            ? "the budget of " + budget + " is settled already"
                            : "only a closed budget is settled; the budget of " + budget + " is open");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate date = command.date();
        if (date.isAfter(today) || date.isBefore(closedOn)) {
            throw new LedgerRejection(
                    LedgerErrorCode.DATE_OUT_OF_ORDER,
                    "a settlement is dated from the closing, " + closedOn + ", to today, " + today + "; not " + date);
        }
        List<Reservation> unpaid = reservations.values().stream()
                .filter(r -> r.status().canBePaid())
                .toList();
        unpaid.forEach(r -> ReservationRules.checkStepDate(r, date, today, "a settlement"));
        Money total = Money.ZERO;
        for (Reservation r : unpaid) {
            total = total.plus(r.state().unpaid());
            apply(release(r, command.reason(), date, command.actor()));
        }
        apply(new BudgetSettled(budgetId, budget, date, command.reason(), command.actor()));
        return new ClosingReceipt(budget, status, 0, unpaid.size(), total);
    }

    /** No new obligation on a closed or settled year. */
    private void requireOpen(String step) {
        if (status != BudgetStatus.OPEN) {
            throw new LedgerRejection(
                    LedgerErrorCode.INVALID_STATE,
                    "the budget of " + budget + " is " + status + ": no new " + step + " arises on it");
        }
    }

    /** Nothing changes on a settled year. */
    private void requireNotSettled() {
        if (status == BudgetStatus.SETTLED) {
            throw new LedgerRejection(
                    LedgerErrorCode.INVALID_STATE, "the budget of " + budget + " is settled: nothing changes on it");
        }
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * A bank statement shows a payment. The same statement entry again records nothing; a payment that another entry
     * settled already is refused, for the bank does not pay one payment twice.
     */
    @CommandHandler
    public void handle(SettlePayment command) {
        Reservation r = find(command.reservationId());
        Payment payment = payment(r, command.paymentId())
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.NOT_FOUND, "no payment " + command.paymentId() + " on reservation " + r.id()));
        if (settlements.hasSeen(
                new Sighting(command.paymentId(), command.reconciliationId(), command.entryReference()))) {
            return;
        }
        Optional<Sighting> earlier = settlements.settledBy(command.paymentId());
        if (earlier.isPresent()) {
            throw new LedgerRejection(
                    LedgerErrorCode.DUPLICATE,
                    "payment " + command.paymentId() + " was settled by statement entry " + earlier.get() + " already");
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
        if (Role.PARTNER.name().equals(actor.role()) && !r.isOwnedByPartnerOf(actor.organisation())) {
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
        overspending.record(event);
    }

    @EventSourcingHandler
    void on(BudgetClosed event) {
        status = BudgetStatus.CLOSED;
        closedOn = event.date();
    }

    @EventSourcingHandler
    void on(BudgetSettled event) {
        status = BudgetStatus.SETTLED;
    }

    /** Every step of a reservation's life: its figures follow {@link ReservationState}, its draw moves with them. */
    @EventSourcingHandler
    void on(ReservationEvent event) {
        Reservation before = reservations.get(event.reservationId().value());
        Reservation after;
        if (before == null) {
            after = Reservation.of((BudgetReserved) event);
        } else {
            after = before.after(event);
        }
        if (event instanceof PaymentSettled settled) {
            settlements.settled(settled);
        } else if (event instanceof PaymentDiscrepancyFound discrepancy) {
            settlements.differed(discrepancy);
        }
        replace(before, after);
        if (event instanceof PaymentRegistered && paymentsByLookup != null) {
            indexPayment(after.id(), after.payments().get(after.payments().size() - 1));
        }
    }

    /** Swaps a reservation for its next state and moves its draw on the budget type with it. */
    private void replace(Reservation before, Reservation after) {
        Usage current = usage.getOrDefault(after.budgetType(), Usage.NONE);
        if (before != null) {
            current = current.minus(before.usage());
        }
        usage.put(after.budgetType(), current.plus(after.usage()));
        reservations.put(after.id().value(), after);
        if (before == null && reservationsByCandidate != null) {
            // A reservation's candidate and menu item never change: only a new one joins the index.
            indexByCandidate(after);
        }
    }
}
