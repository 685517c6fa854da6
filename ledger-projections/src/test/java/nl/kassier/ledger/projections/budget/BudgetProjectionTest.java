package nl.kassier.ledger.projections.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.CandidateRef;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.MigratedDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The budget read models, fed events as the processor feeds them (a batch per unit of work) and written to a real
 * PostgreSQL with the schema of the migrations: what a reservation, its history, its payments and its budget's draw
 * look like afterwards, to the cent and to the microsecond, whatever characters the texts hold.
 */
class BudgetProjectionTest {

    private static final BudgetId BUDGET = new BudgetId(new RegionCode("rijnmond"), 2022);
    private static final Actor COORDINATOR = new Actor("coord-rijnmond", "COORDINATOR", "RMT Rijnmond");
    private static final Actor KASSIER = new Actor("kassier", "KASSIER", null);

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    static final JdbcTemplate jdbc = database.jdbc();

    BudgetProjection projection;
    long position;

    @BeforeEach
    void emptyReadModels() {
        projection = new BudgetProjection(jdbc);
        projection.reset();
        position = 100;
    }

    @Test
    void aReservationReservedCommittedPaidAndReleasedInSeparateBatches() {
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        Instant reservedAt = Instant.parse("2022-07-01T08:15:30.123456Z");
        batch(() -> projection.on(reserved(id, "2500.00"), reservedAt, token()));
        batch(() -> projection.on(
                new ReservationCommitted(
                        BUDGET.value(),
                        id,
                        Money.parse("2000.00"),
                        Money.parse("500.00"),
                        new Reference("V-1"),
                        LocalDate.of(2022, 7, 10),
                        COORDINATOR),
                reservedAt.plusSeconds(60),
                token()));
        batch(() -> projection.on(
                payment(id, "pay-1", "1200.00", ReservationStatus.PARTIALLY_PAID),
                reservedAt.plusSeconds(120),
                token()));
        batch(() -> projection.on(
                new ReservationReleased(
                        BUDGET.value(),
                        id,
                        Money.parse("800.00"),
                        new Reason("klaar"),
                        ReservationStatus.CLOSED,
                        LocalDate.of(2022, 7, 10),
                        COORDINATOR),
                reservedAt.plusSeconds(180),
                token()));

        Map<String, Object> view =
                jdbc.queryForMap("SELECT * FROM reservation_view WHERE reservation_id = ?", id.value());
        assertThat(view)
                .containsEntry("status", "CLOSED")
                .containsEntry("amount_cents", 250_000L)
                .containsEntry("commitment_cents", 200_000L)
                .containsEntry("paid_cents", 120_000L)
                .containsEntry("organisation", "RMT Rijnmond")
                .containsEntry("created_position", 101L);
        assertThat(jdbc.queryForObject(
                        "SELECT created_at = ?::timestamptz FROM reservation_view WHERE reservation_id = ?",
                        Boolean.class,
                        reservedAt.toString(),
                        id.value()))
                .as("the recording instant, to the microsecond")
                .isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT type FROM reservation_history WHERE reservation_id = ? ORDER BY event_position",
                        String.class,
                        id.value()))
                .containsExactly("RESERVED", "COMMITTED", "PAID", "RELEASED");
        assertThat(jdbc.queryForMap("SELECT amount_cents, payment_date, invoice_ref FROM payment_view"))
                .containsEntry("amount_cents", 120_000L)
                .containsEntry("payment_date", java.sql.Date.valueOf("2022-09-30"))
                .containsEntry("invoice_ref", "F-2022/0815");
        assertThat(usage()).containsExactly(0L, 0L, 0L, 120_000L);
    }

    @Test
    void aBatchOfManyReservationsWritesEveryRowAndTheSumOfTheirDraw() {
        batch(() -> {
            for (int i = 0; i < 2_500; i++) {
                projection.on(reserved(ReservationId.of(BUDGET, UUID.randomUUID()), "0.01"), Instant.now(), token());
            }
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation_view", Long.class))
                .isEqualTo(2_500L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation_history", Long.class))
                .isEqualTo(2_500L);
        assertThat(usage()).containsExactly(0L, 2_500L, 0L, 0L);
    }

    @Test
    void textsArriveAsTheyWereWhateverTheirCharactersAndInFull() {
        List<Reason> awkward = List.of(
                new Reason("quote \" and 'apostrophe'"),
                new Reason("comma, {braces} and \\backslash\\"),
                new Reason("NULL"),
                new Reason(" spaces around "),
                new Reason("€ é ü 漢字 \uD83D\uDCB6"),
                new Reason("\uD83D\uDCB6".repeat(Reason.LENGTH_MAX)),
                new Reason("x".repeat(Reason.LENGTH_MAX)));
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        batch(() -> projection.on(reserved(id, "10.00"), Instant.now(), token()));
        batch(() -> {
            for (Reason reason : awkward) {
                projection.on(
                        new ReservationReleased(
                                BUDGET.value(),
                                id,
                                Money.ZERO,
                                reason,
                                ReservationStatus.RELEASED,
                                LocalDate.of(2022, 7, 10),
                                COORDINATOR),
                        Instant.now(),
                        token());
            }
            projection.on(
                    new ReservationReleased(
                            BUDGET.value(),
                            id,
                            Money.ZERO,
                            null,
                            ReservationStatus.RELEASED,
                            LocalDate.of(2022, 7, 10),
                            COORDINATOR),
                    Instant.now(),
                    token());
        });

        List<String> details = jdbc.queryForList(
                "SELECT detail FROM reservation_history WHERE reservation_id = ? AND type = 'RELEASED'"
                        + " ORDER BY event_position",
                String.class,
                id.value());
        assertThat(details.subList(0, awkward.size()))
                .containsExactlyElementsOf(awkward.stream().map(Reason::value).toList());
        assertThat(details.get(awkward.size()))
                .as("a missing reason is NULL, not the text 'null'")
                .isNull();
    }

    /** One processor batch: the events' changes are written when the unit of work commits. */
    private static void batch(Runnable events) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"))
                .execute(events);
    }

    private GlobalSequenceTrackingToken token() {
        return new GlobalSequenceTrackingToken(++position);
    }

    private static BudgetReserved reserved(ReservationId id, String amount) {
        return new BudgetReserved(
                BUDGET.value(),
                id,
                BUDGET,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.MATCHING,
                Money.parse(amount),
                new Candidate(new CandidateRef("pseudo-1"), TargetGroup.WW, LocalDate.of(2021, 1, 15), false),
                LocalDate.of(2022, 7, 1),
                null,
                ReservationStatus.RESERVED,
                List.of(BudgetType.AANVULLENDE_DIENSTVERLENING),
                null,
                false,
                "fingerprint",
                COORDINATOR);
    }

    private static PaymentRegistered payment(
            ReservationId id, String paymentId, String amount, ReservationStatus after) {
        return new PaymentRegistered(
                BUDGET.value(),
                id,
                new PaymentId(paymentId),
                Money.parse(amount),
                LocalDate.of(2022, 9, 30),
                new Reference("F-2022/0815"),
                null,
                "fingerprint",
                after,
                KASSIER);
    }

    private static List<Long> usage() {
        return jdbc.queryForObject(
                "SELECT requested_cents, reserved_cents, committed_cents, paid_cents FROM budget_usage"
                        + " WHERE region = 'rijnmond' AND year = 2022 AND budget_type = 'AANVULLENDE_DIENSTVERLENING'",
                (rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }
}
