package nl.kassier.ledger.projections.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kassier.ledger.core.budget.BudgetEvent;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.BudgetReserved;
import nl.kassier.ledger.core.budget.PaymentDiscrepancyFound;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentRegistered;
import nl.kassier.ledger.core.budget.PaymentSettled;
import nl.kassier.ledger.core.budget.ReservationCommitted;
import nl.kassier.ledger.core.budget.ReservationEvent;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationReleased;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import nl.kassier.ledger.projections.MigratedDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
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
    final Map<String, Long> sequences = new HashMap<>();

    @BeforeEach
    void emptyReadModels() {
        projection = new BudgetProjection(jdbc, new JdbcPersonalDataVault(jdbc));
        projection.reset();
        position = 100;
    }

    @Test
    void aReservationReservedCommittedPaidAndReleasedInSeparateBatches() {
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        Instant reservedAt = Instant.parse("2022-07-01T08:15:30.123456Z");
        batch(() -> on(reserved(id, "2500.00"), reservedAt));
        batch(() -> on(
                new ReservationCommitted(
                        BUDGET.value(),
                        id,
                        Money.parse("2000.00"),
                        Money.parse("500.00"),
                        new Reference("V-1"),
                        LocalDate.of(2022, 7, 10),
                        COORDINATOR),
                reservedAt.plusSeconds(60)));
        batch(() -> on(payment(id, "pay-1", "1200.00", ReservationStatus.PARTIALLY_PAID), reservedAt.plusSeconds(120)));
        batch(() -> on(
                new ReservationReleased(
                        BUDGET.value(),
                        id,
                        Money.parse("800.00"),
                        new Reason("klaar"),
                        ReservationStatus.CLOSED,
                        LocalDate.of(2022, 7, 10),
                        COORDINATOR),
                reservedAt.plusSeconds(180)));

        Map<String, Object> view =
                jdbc.queryForMap("SELECT * FROM reservation_view WHERE reservation_id = ?", id.value());
        assertThat(view)
                .containsEntry("status", "CLOSED")
                .containsEntry("amount_cents", 250_000L)
                .containsEntry("commitment_cents", 200_000L)
                .containsEntry("paid_cents", 120_000L)
                .containsEntry("organisation", "RMT Rijnmond")
                .containsEntry("requested_by_partner", false)
                .containsEntry("open_discrepancies", 0)
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
    void eachEventIsAppliedOnceWhetherTheAppendOrTheProcessorTakesIt() {
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        batch(() -> on(reserved(id, "1000.00"), Instant.now()));
        DomainEventMessage<BudgetEvent> commit = message(committed(id, "1000.00"), Instant.now());
        DomainEventMessage<BudgetEvent> pay =
                message(payment(id, "pay-once", "400.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
        Map<String, Long> positions = Map.of(commit.getIdentifier(), ++position, pay.getIdentifier(), ++position);

        assertThat(projection.applyAppended(List.of(commit, pay), positions))
                .as("applied by the append: the processor had applied every earlier event")
                .containsExactly(BUDGET.value());
        batch(() -> {
            projection.on(commit, token());
            projection.on(pay, token());
        });
        assertThat(usage())
                .as("the processor skipped what the append applied")
                .containsExactly(0L, 0L, 60_000L, 40_000L);

        // An event whose predecessor the read models never saw is left to the processor, which applies both.
        DomainEventMessage<BudgetEvent> missed =
                message(payment(id, "pay-missed", "100.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
        DomainEventMessage<BudgetEvent> later =
                message(payment(id, "pay-later", "100.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
        assertThat(projection.applyAppended(List.of(later), Map.of(later.getIdentifier(), position + 2)))
                .isEmpty();
        assertThat(usage()).containsExactly(0L, 0L, 60_000L, 40_000L);
        batch(() -> {
            projection.on(missed, token());
            projection.on(later, token());
        });
        assertThat(usage()).containsExactly(0L, 0L, 40_000L, 60_000L);
    }

    @Test
    void aDiscrepancyStaysOpenAcrossBatchesUntilALaterPaymentOnTheReservation() {
        ReservationId id = committedReservation("1000.00");
        batch(() -> {
            on(payment(id, "pay-d1", "200.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
            on(payment(id, "pay-d2", "300.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
        });
        batch(() -> {
            on(differed(id, "pay-d1", "200.50", "200.00"), Instant.now());
            on(settled(id, "pay-d2", "300.00"), Instant.now());
        });

        assertThat(settlements())
                .containsExactly(
                        "pay-d1 DISCREPANCY statement_NL20INGB0001234567_S-1 entry-pay-d1 50 true",
                        "pay-d2 SETTLED statement_NL20INGB0001234567_S-2 entry-pay-d2 null false");
        assertThat(openDiscrepancies(id)).containsExactly(1, 50L);

        // A later batch starts from what the read model stored: the correcting payment resolves the discrepancy.
        batch(() -> on(payment(id, "pay-d3", "0.50", ReservationStatus.PARTIALLY_PAID), Instant.now()));

        assertThat(settlements())
                .containsExactly(
                        "pay-d1 DISCREPANCY statement_NL20INGB0001234567_S-1 entry-pay-d1 50 false",
                        "pay-d2 SETTLED statement_NL20INGB0001234567_S-2 entry-pay-d2 null false",
                        "pay-d3 null null null null false");
        assertThat(openDiscrepancies(id)).containsExactly(0, 0L);
        assertThat(jdbc.queryForList("SELECT registered_position FROM payment_view ORDER BY payment_id", Long.class))
                .as("the order the payments were recorded in")
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void aLifeInOneBatchWritesWhatItWritesInManyAndAReleaseResolvesTheDiscrepancy() {
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        batch(() -> {
            on(reserved(id, "1000.00"), Instant.now());
            on(committed(id, "1000.00"), Instant.now());
            on(payment(id, "pay-r1", "200.00", ReservationStatus.PARTIALLY_PAID), Instant.now());
            on(differed(id, "pay-r1", "199.00", "200.00"), Instant.now());
        });

        assertThat(openDiscrepancies(id)).containsExactly(1, -100L);
        assertThat(settlements())
                .containsExactly("pay-r1 DISCREPANCY statement_NL20INGB0001234567_S-1 entry-pay-r1 -100 true");

        batch(() -> on(
                new ReservationReleased(
                        BUDGET.value(),
                        id,
                        Money.parse("800.00"),
                        null,
                        ReservationStatus.CLOSED,
                        LocalDate.of(2022, 10, 1),
                        COORDINATOR),
                Instant.now()));
        batch(() -> on(differed(id, "pay-r1", "199.50", "200.00"), Instant.now()));

        assertThat(openDiscrepancies(id))
                .as("none opens on a closed reservation")
                .containsExactly(0, 0L);
        assertThat(settlements())
                .containsExactly("pay-r1 DISCREPANCY statement_NL20INGB0001234567_S-1 entry-pay-r1 -50 false");
    }

    @Test
    void aBatchOfManyReservationsWritesEveryRowAndTheSumOfTheirDraw() {
        batch(() -> {
            for (int i = 0; i < 2_500; i++) {
                on(reserved(ReservationId.of(BUDGET, UUID.randomUUID()), "0.01"), Instant.now());
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
        batch(() -> on(reserved(id, "10.00"), Instant.now()));
        batch(() -> {
            for (Reason reason : awkward) {
                on(
                        new ReservationReleased(
                                BUDGET.value(),
                                id,
                                Money.ZERO,
                                reason,
                                ReservationStatus.RELEASED,
                                LocalDate.of(2022, 7, 10),
                                COORDINATOR),
                        Instant.now());
            }
            on(
                    new ReservationReleased(
                            BUDGET.value(),
                            id,
                            Money.ZERO,
                            null,
                            ReservationStatus.RELEASED,
                            LocalDate.of(2022, 7, 10),
                            COORDINATOR),
                    Instant.now());
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

    private ReservationId committedReservation(String amount) {
        ReservationId id = ReservationId.of(BUDGET, UUID.randomUUID());
        batch(() -> {
            on(reserved(id, amount), Instant.now());
            on(committed(id, amount), Instant.now());
        });
        return id;
    }

    private static ReservationCommitted committed(ReservationId id, String amount) {
        return new ReservationCommitted(
                BUDGET.value(), id, Money.parse(amount), Money.ZERO, null, LocalDate.of(2022, 7, 10), COORDINATOR);
    }

    private static PaymentDiscrepancyFound differed(ReservationId id, String paymentId, String bank, String ledger) {
        return new PaymentDiscrepancyFound(
                BUDGET.value(),
                id,
                new PaymentId(paymentId),
                Money.parse(bank),
                Money.parse(ledger),
                "statement_NL20INGB0001234567_S-1",
                "S-1",
                "entry-" + paymentId,
                LocalDate.of(2022, 10, 3),
                KASSIER);
    }

    private static PaymentSettled settled(ReservationId id, String paymentId, String amount) {
        return new PaymentSettled(
                BUDGET.value(),
                id,
                new PaymentId(paymentId),
                Money.parse(amount),
                "statement_NL20INGB0001234567_S-2",
                "S-2",
                "entry-" + paymentId,
                LocalDate.of(2022, 10, 3),
                KASSIER);
    }

    /** Each payment as {@code id status reconciliation entry difference open}. */
    private static List<String> settlements() {
        return jdbc.query(
                "SELECT payment_id, settlement_status, settlement_reconciliation_id, settlement_entry,"
                        + " settlement_difference_cents, discrepancy_open FROM payment_view ORDER BY payment_id",
                (rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5) + " " + rs.getBoolean(6));
    }

    private static List<Object> openDiscrepancies(ReservationId id) {
        return jdbc.queryForObject(
                "SELECT open_discrepancies, open_discrepancy_cents FROM reservation_view WHERE reservation_id = ?",
                (rs, row) -> List.of(rs.getInt(1), rs.getLong(2)),
                id.value());
    }

    /** One processor batch: the events' changes are written when the unit of work commits. */
    private static void batch(Runnable events) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"))
                .execute(events);
    }

    /** The processor's handler, given the event as the tracking processor reads it: next in its budget's sequence. */
    private void on(BudgetEvent event, Instant at) {
        projection.on(message(event, at), token());
    }

    /** The event as its budget recorded it: next in the budget's sequence. */
    private DomainEventMessage<BudgetEvent> message(BudgetEvent event, Instant at) {
        String budget = event instanceof ReservationEvent step
                ? step.reservationId().budget().value()
                : BUDGET.value();
        long sequence = sequences.merge(budget, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(
                "Budget",
                budget,
                sequence,
                event,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                at);
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
                new CandidateId("0123456789abcdef0123456789abcdef"),
                TargetGroup.WW,
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
