package nl.kassier.ledger.projections.asof;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.Reservation;
import nl.kassier.ledger.core.budget.ReservationApproved;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationRejected;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.Usage;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.AmendmentPublished;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.audit.ChainedEvent;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import nl.kassier.ledger.projections.budget.BudgetView;
import nl.kassier.ledger.projections.budget.ReservationView;
import nl.kassier.ledger.projections.budget.SettlementHistory;
import org.springframework.stereotype.Component;

/**
 * Budgets and reservations as the ledger knew them at an instant, rebuilt from the events recorded up to that
 * instant (the chain's own {@code recorded_at}) and never from a read model, so that the answer equals, to the cent,
 * what the service answered then. The legal date of such a view is the instant's date in Amsterdam.
 */
@Component
public class AsOfQueries {

    private static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Amsterdam");

    private final EventTableReader events;
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    public AsOfQueries(EventTableReader events) {
        this.events = events;
    }

    public BudgetView budget(RegionCode region, int year, Instant asOf) {
        RegelingHistory law = RegelingHistory.of(amendmentsUpTo(asOf));
        LocalDate legalDate = LocalDate.ofInstant(asOf, LEGAL_ZONE);
        Map<String, State> reservations = fold(new BudgetId(region, year).value(), asOf, null);
        Map<BudgetType, Usage> usage = new EnumMap<>(BudgetType.class);
        for (State state : reservations.values()) {
            usage.merge(state.type, state.usage(), Usage::plus);
        }
        return BudgetView.compute(region, year, asOf, law, legalDate, usage);
    }

    public Optional<ReservationView> reservation(ReservationId id, Instant asOf) {
        State state = fold(id.budget().value(), asOf, id.value()).get(id.value());
        return Optional.ofNullable(state).map(s -> s.view(id));
    }

    private List<Amendment> amendmentsUpTo(Instant asOf) {
        List<Amendment> amendments = new ArrayList<>();
        for (ChainedEvent event : events.aggregateUpTo(Regeling.ID, asOf)) {
            if (read(event) instanceof AmendmentPublished published) {
                amendments.add(published.amendment());
            }
        }
        return amendments;
    }

    /** The reservations of a budget (or just {@code only}) after its events recorded up to {@code asOf}. */
    private Map<String, State> fold(String budgetId, Instant asOf, String only) {
        Map<String, State> reservations = new LinkedHashMap<>();
        for (ChainedEvent event : events.aggregateUpTo(budgetId, asOf)) {
            Object payload = read(event);
            Instant at = Instant.parse(event.timestamp());
            if (payload instanceof BudgetReserved e) {
                if (only == null || only.equals(e.reservationId().value())) {
                    State state = new State(e, at);
                    state.step(e.status().name(), at, e.actor().username(), e.amount(), null);
                    reservations.put(e.reservationId().value(), state);
                }
            } else if (payload instanceof ReservationApproved e) {
                on(reservations, e.reservationId(), s -> {
                    s.status = ReservationStatus.RESERVED;
                    s.step("APPROVED", at, e.actor().username(), e.amount(), null);
                });
            } else if (payload instanceof ReservationRejected e) {
                on(reservations, e.reservationId(), s -> {
                    s.status = ReservationStatus.REJECTED;
                    s.step(
                            "REJECTED",
                            at,
                            e.actor().username(),
                            e.released(),
                            e.reason() == null ? null : e.reason().value());
                });
            } else if (payload instanceof ReservationCommitted e) {
                on(reservations, e.reservationId(), s -> {
                    s.status = ReservationStatus.COMMITTED;
                    s.commitment = e.amount();
                    s.step(
                            "COMMITTED",
                            at,
                            e.actor().username(),
                            e.amount(),
                            e.reference() == null ? null : e.reference().value());
                });
            } else if (payload instanceof PaymentRegistered e) {
                on(reservations, e.reservationId(), s -> {
                    s.status = e.status();
                    s.paid = s.paid.plus(e.amount());
                    s.step(
                            "PAID",
                            at,
                            e.actor().username(),
                            e.amount(),
                            e.paymentId().value());
                });
            } else if (payload instanceof PaymentSettled e) {
                on(
                        reservations,
                        e.reservationId(),
                        s -> s.step(
                                SettlementHistory.SETTLED,
                                at,
                                e.actor().username(),
                                e.amount(),
                                SettlementHistory.detail(e)));
            } else if (payload instanceof PaymentDiscrepancyFound e) {
                on(
                        reservations,
                        e.reservationId(),
                        s -> s.step(
                                SettlementHistory.DISCREPANCY,
                                at,
                                e.actor().username(),
                                e.bankAmount(),
                                SettlementHistory.detail(e)));
            } else if (payload instanceof ReservationReleased e) {
                on(reservations, e.reservationId(), s -> {
                    s.status = e.status();
                    s.step(
                            "RELEASED",
                            at,
                            e.actor().username(),
                            e.released(),
                            e.reason() == null ? null : e.reason().value());
                });
            }
        }
        return reservations;
    }

    private static void on(
            Map<String, State> reservations, ReservationId id, java.util.function.Consumer<State> change) {
        State state = reservations.get(id.value());
        if (state != null) {
            change.accept(state);
        }
    }

    private Object read(ChainedEvent event) {
        try {
            return json.readValue(event.payload(), Class.forName(event.payloadType()));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("event " + event.position() + " cannot be read", e);
        }
    }

    /** A reservation being replayed. */
    private static final class State {
        final BudgetReserved reserved;
        final Instant createdAt;
        final BudgetType type;
        ReservationStatus status;
        Money commitment = Money.ZERO;
        Money paid = Money.ZERO;
        final List<ReservationView.Step> history = new ArrayList<>();

        State(BudgetReserved reserved, Instant createdAt) {
            this.reserved = reserved;
            this.createdAt = createdAt;
            this.type = reserved.budgetType();
            this.status = reserved.status();
        }

        Usage usage() {
            return Reservation.usage(status, reserved.amount(), commitment, paid);
        }

        void step(String kind, Instant at, String actor, Money amount, String detail) {
            history.add(new ReservationView.Step(kind, at, actor, amount, detail));
        }

        ReservationView view(ReservationId id) {
            Usage usage = usage();
            return new ReservationView(
                    id.value(),
                    reserved.budget().region(),
                    reserved.budget().year(),
                    type,
                    reserved.menuItem(),
                    status,
                    usage.requested(),
                    usage.reserved(),
                    usage.committed(),
                    usage.paid(),
                    reserved.candidate() == null
                            ? null
                            : reserved.candidate().ref().value(),
                    reserved.actor().organisation(),
                    reserved.actor().username(),
                    reserved.date(),
                    createdAt,
                    List.copyOf(history));
        }
    }
}
