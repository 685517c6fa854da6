package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.projections.asof.AsOfQueries;
import nl.kassier.ledger.projections.asof.BudgetReplay;
import nl.kassier.ledger.projections.asof.RegelingReplay;
import nl.kassier.ledger.projections.asof.ReplayCheckpoints;
import nl.kassier.ledger.projections.budget.BudgetView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The budget as of any instant and on any legal date, answered from the replay's checkpoints (one every three
 * events here), equals the replay of every event from the first: over a year of reservations, commitments, payments
 * and releases dated month by month, with commitments dated back into earlier months recorded last, so that a
 * checkpoint holds steps dated after many of the days asked for. It still does with a checkpoint that lacks a
 * reservation, and the checkpoints an answer asks for are written on their own thread.
 */
@LedgerServiceTest
@TestPropertySource(
        properties = {
            "ledger.users-file=src/test/resources/lifecycle-users.yml",
            "ledger.test-context=as-of-checkpoints",
            "ledger.replay-checkpoint-interval=3"
        })
class AsOfCheckpointsTest {

    private static final RegionCode RIJNMOND = new RegionCode("rijnmond");
    private static final String BUDGET = new BudgetId(RIJNMOND, 2022).value();
    private static final List<LocalDate> DAYS = Arrays.asList(
            null,
            LocalDate.of(2021, 12, 31),
            LocalDate.of(2022, 1, 31),
            LocalDate.of(2022, 3, 15),
            LocalDate.of(2022, 4, 30),
            LocalDate.of(2022, 6, 30),
            LocalDate.of(2022, 9, 30),
            LocalDate.of(2022, 12, 31),
            LocalDate.of(2024, 12, 31));

    @LocalServerPort
    int port;

    @Autowired
    AsOfQueries asOf;

    @Autowired
    ReplayCheckpoints checkpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void answersFromTheCheckpointsAsTheWholeReplayDoes() throws Exception {
        Api api = new Api(port, Map.of("szw", "test", "kassier", "test", "coord-rijnmond", "test"));
        assertThat(api.post("szw", "/api/v1/amendments", """
                        {"id":"checkpoints-2022","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                         "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                         "amount":"100000.00"}]}
                        """).status()).isEqualTo(201);
        List<Instant> instants = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            String day = "2022-%02d-".formatted(month);
            String id = api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                            {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%d.00",
                             "candidate":{"ref":"cp-%d","jobLossDate":"2021-02-01"},"date":"%s05"}
                            """.formatted(
                                    1000 + 100 * month, month, day))
                    .json()
                    .get("id")
                    .asText();
            ids.add(id);
            instants.add(Instant.now());
            if (month % 3 != 1) {
                assertThat(commit(api, id, day + "10", 900 + 100 * month)).isEqualTo(200);
                instants.add(Instant.now());
            }
            if (month % 3 == 2) {
                assertThat(api.post("kassier", "/api/v1/reservations/" + id + "/payments", """
                                {"paymentId":"cp-pay-%d","amount":"500.00","date":"%s20"}
                                """.formatted(month, day))
                                .status())
                        .isEqualTo(201);
                instants.add(Instant.now());
            }
            if (month == 6 || month == 12) {
                // February's commitment paid again, dated back: a reservation whose figures change in several
                // intervals, so that a later step needs its latest row, not its first.
                assertThat(api.post("kassier", "/api/v1/reservations/" + ids.get(1) + "/payments", """
                                {"paymentId":"cp-pay-again-%d","amount":"100.00","date":"2022-02-2%d"}
                                """.formatted(
                                                month, month / 6))
                                .status())
                        .isEqualTo(201);
                instants.add(Instant.now());
            }
            if (month % 4 == 3) {
                assertThat(api.post(
                                        "coord-rijnmond",
                                        "/api/v1/reservations/" + id + "/release",
                                        "{\"reason\":\"niet nodig\",\"date\":\"" + day + "25\"}")
                                .status())
                        .isEqualTo(200);
                instants.add(Instant.now());
            }
        }
        // Commitments dated back into their months, recorded after December's steps.
        for (int month : new int[] {1, 4, 10}) {
            assertThat(commit(api, ids.get(month - 1), "2022-%02d-28".formatted(month), 800))
                    .isEqualTo(200);
            instants.add(Instant.now());
        }

        long events = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, BUDGET);
        checkpoints.build(BUDGET);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM replay_checkpoint WHERE aggregate_identifier = ?", Long.class, BUDGET))
                .as("a checkpoint after every three of the budget's %d events", events)
                .isEqualTo(events / 3);
        assertAnswersAsTheWholeReplay(instants);

        // A checkpoint without one of its reservations is passed over for the events themselves, and the checkpoints
        // written after it resume from the first event, so that they hold every reservation again.
        jdbc.update(
                "DELETE FROM replay_checkpoint_reservation WHERE aggregate_identifier = ? AND reservation_id = ?",
                BUDGET,
                ids.get(0));
        assertAnswersAsTheWholeReplay(instants);
        jdbc.update(
                "DELETE FROM replay_checkpoint WHERE aggregate_identifier = ? AND sequence_number > ?",
                BUDGET,
                events / 2);
        checkpoints.build(BUDGET);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM replay_checkpoint_reservation WHERE aggregate_identifier = ?"
                                + " AND sequence_number > ? GROUP BY sequence_number ORDER BY 1 DESC LIMIT 1",
                        Long.class,
                        BUDGET,
                        events / 2))
                .as("the checkpoint written where the rows of a reservation are missing holds them all")
                .isEqualTo(ids.size());
        assertAnswersAsTheWholeReplay(instants);

        // Without checkpoints, an answer asks for them; they are written on the checkpoints' thread.
        jdbc.update("TRUNCATE replay_checkpoint, replay_checkpoint_usage, replay_checkpoint_reservation");
        asOf.budget(RIJNMOND, 2022, Instant.now());
        checkpoints.awaitWritten();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM replay_checkpoint WHERE aggregate_identifier = ?", Long.class, BUDGET))
                .isEqualTo(events / 3);
        assertAnswersAsTheWholeReplay(instants);
    }

    private void assertAnswersAsTheWholeReplay(List<Instant> instants) {
        for (Instant at : instants) {
            for (LocalDate on : DAYS) {
                assertThat(asOf.budget(RIJNMOND, 2022, at, on))
                        .as("the budget as of %s on %s", at, on)
                        .isEqualTo(wholeReplay(at, on));
            }
        }
    }

    /** The budget replayed from its first event, as the ledger answered before it had checkpoints. */
    private BudgetView wholeReplay(Instant at, LocalDate on) {
        RegelingHistory law = RegelingReplay.of(asOf.eventsUpTo(Regeling.ID, at));
        BudgetReplay replay = BudgetReplay.of(asOf.eventsUpTo(BUDGET, at), on);
        LocalDate legalDate = on != null ? on : LocalDate.ofInstant(at, LegalDates.ZONE);
        return BudgetView.compute(RIJNMOND, 2022, at, replay.status(), law, legalDate, replay.usage());
    }

    private static int commit(Api api, String id, String date, int euros) {
        return api.post(
                        "coord-rijnmond",
                        "/api/v1/reservations/" + id + "/commit",
                        "{\"date\":\"" + date + "\",\"amount\":\"" + euros + ".00\"}")
                .status();
    }
}
