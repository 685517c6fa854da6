package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerIntegrity;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReserveBudget;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The proofs of group commit (docs/adr/0009), on the service's own command bus and PostgreSQL. The writer is held on a
 * command of its own while a round of commands is sent, so that each round is decided as one batch of exactly the
 * size asked for; a handler interceptor records which batch each command was decided in, and can make one fail.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"ledger.test-context=group-commit", "ledger.command-batch-max=256"})
class GroupCommitTest {

    private static final int YEAR = 2022;
    private static final Money RESERVATION = Money.parse("100.00");
    /** Each batch-size region has room for exactly this many reservations. */
    private static final int ROOM = 100;

    private static final String HOLD = "test-hold";
    private static final String FAIL = "test-fail";

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway gateway;

    @Autowired
    GroupCommit bus;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectionBarrier barrier;

    @Autowired
    MeterRegistry registry;

    Api api;
    Registration interceptor;

    /** The writer waits here while it decides a held command. */
    final AtomicReference<Gate> gate = new AtomicReference<>();
    /** How many commands each batch (its root unit of work) decided. */
    final Map<UnitOfWork<?>, AtomicInteger> batchOf = new ConcurrentHashMap<>();

    final Map<String, UnitOfWork<?>> rootOf = new ConcurrentHashMap<>();

    @BeforeAll
    void allocate() {
        api = new Api(port);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"group-commit","title":"Illustratieve verdeling 2022 (test)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"},
                   {"region":"twente","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"},
                   {"region":"zeeland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"},
                   {"region":"groningen","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"},
                   {"region":"friesland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000000.00"},
                   {"region":"flevoland","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000.00"},
                   {"region":"drenthe","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        interceptor = bus.registerHandlerInterceptor(new Probe());
    }

    @AfterAll
    void removeProbe() {
        interceptor.cancel();
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(strings = {"1:rijnmond", "2:twente", "16:zeeland", "256:groningen"})
    @Order(1)
    void acceptsExactlyWhatTheCapHoldsWhateverTheBatchSize(String sizeAndRegion) throws Exception {
        int size = Integer.parseInt(sizeAndRegion.split(":")[0]);
        String region = sizeAndRegion.split(":")[1];
        int requests = 512;
        double redecidedBefore = redecided();

        List<CompletableFuture<Object>> answers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < requests / size; round++) {
            List<CommandMessage<?>> commands = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ReserveBudget command = reservation(region, RESERVATION, null);
                ids.add(command.reservationId().value());
                commands.add(GenericCommandMessage.asCommandMessage(command));
            }
            answers.addAll(sendAsOneBatch(commands));
        }

        Map<String, Integer> outcomes = outcomes(answers);
        assertThat(outcomes).isEqualTo(Map.of("accepted", ROOM, "CAP_EXCEEDED", requests - ROOM));
        assertThat(ids).allSatisfy(id -> assertThat(batchOf.get(rootOf.get(id)).get())
                .as("the batch %s was decided in", id)
                .isEqualTo(size));
        assertThat(reservationsRecorded(region)).isEqualTo(ROOM);
        assertThat(redecided()).as("batches rolled back by a refusal").isEqualTo(redecidedBefore);
        barrier.awaitEverything();
        Response budget = api.get("auditor", "/api/v1/regions/" + region + "/budgets/2022");
        assertThat(budget.body()).contains("\"reserved\":\"10000.00\"").contains("\"available\":\"0.00\"");
    }

    @ParameterizedTest(name = "item {0} of 16 fails")
    @ValueSource(ints = {0, 7, 15})
    @Order(2)
    void aFailureOnOneItemDecidesEveryItemAgainAloneAndRecordsTheOthersOnce(int failing) throws Exception {
        long before = reservationsRecorded("friesland");
        List<CommandMessage<?>> commands = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CommandMessage<?> command =
                    GenericCommandMessage.asCommandMessage(reservation("friesland", RESERVATION, null));
            commands.add(i == failing ? command.andMetaData(Map.of(FAIL, true)) : command);
        }
        List<CompletableFuture<Object>> answers = sendAsOneBatch(commands);

        for (int i = 0; i < 16; i++) {
            Optional<Throwable> failure = failureOf(answers.get(i));
            if (i == failing) {
                assertThat(failure).get().asString().contains("injected");
            } else {
                assertThat(failure).as("answer to item %d", i).isEmpty();
            }
        }
        assertThat(reservationsRecorded("friesland")).isEqualTo(before + 15);
    }

    @Test
    @Order(3)
    void nobodyIsAnsweredFromADecisionWhoseCommitFailed() throws Exception {
        // The first command takes the whole cap; its events cannot be written, so the batch does not commit. The
        // others, refused in the batch for the cap the first took, must not be told so: decided again, they fit.
        // (The description is sealed in the event; the trigger knows the first by its amount, which is not.)
        jdbc.execute("""
                CREATE FUNCTION test_commit_fails() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.payload_type LIKE '%BudgetReserved'
                      AND convert_from(NEW.payload, 'UTF8') LIKE '%"1000.00"%' THEN
                    RAISE EXCEPTION 'the disk is full (test)';
                  END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER test_commit_fails BEFORE INSERT ON domain_event_entry"
                + " FOR EACH ROW EXECUTE FUNCTION test_commit_fails()");
        try {
            List<CommandMessage<?>> commands = new ArrayList<>();
            commands.add(GenericCommandMessage.asCommandMessage(
                    reservation("flevoland", Money.parse("1000.00"), "commit-fails")));
            for (int i = 0; i < 15; i++) {
                commands.add(
                        GenericCommandMessage.asCommandMessage(reservation("flevoland", Money.parse("50.00"), null)));
            }
            List<CompletableFuture<Object>> answers = sendAsOneBatch(commands);

            // Axon words every failed append as "already inserted"; the cause is the database's.
            assertThat(failureOf(answers.get(0)).orElseThrow()).rootCause().hasMessageContaining("disk is full");
            for (int i = 1; i < 16; i++) {
                assertThat(failureOf(answers.get(i))).as("answer to item %d", i).isEmpty();
            }
            assertThat(reservationsRecorded("flevoland")).isEqualTo(15);
        } finally {
            jdbc.execute("DROP TRIGGER test_commit_fails ON domain_event_entry");
            jdbc.execute("DROP FUNCTION test_commit_fails()");
        }
        barrier.awaitEverything();
        Response budget = api.get("auditor", "/api/v1/regions/flevoland/budgets/2022");
        assertThat(budget.body()).contains("\"reserved\":\"750.00\"");
    }

    @Test
    @Order(4)
    void batchesKeepEachBudgetsEventsInOrderAlongTheLogAndTheChainIntact(@TempDir Path dir) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .isGreaterThan(4L * ROOM);
        LedgerIntegrity.assertIntact(api, jdbc, dir);
    }

    /**
     * Sends {@code commands} while the writer is held on a command of its own, so that they are waiting together when
     * it is let go: they are then decided as one batch.
     */
    private List<CompletableFuture<Object>> sendAsOneBatch(List<CommandMessage<?>> commands) throws Exception {
        Gate held = new Gate();
        gate.set(held);
        CompletableFuture<Object> holder =
                gateway.send(GenericCommandMessage.asCommandMessage(reservation("drenthe", RESERVATION, null))
                        .andMetaData(Map.of(HOLD, true)));
        assertThat(held.entered.await(10, TimeUnit.SECONDS))
                .as("the writer took the holding command")
                .isTrue();
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (CommandMessage<?> command : commands) {
            answers.add(gateway.send(command));
        }
        held.release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Object> answer : answers) {
            try {
                answer.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // looked at by the test
            }
        }
        return answers;
    }

    private static Map<String, Integer> outcomes(List<CompletableFuture<Object>> answers) {
        Map<String, Integer> outcomes = new HashMap<>();
        for (CompletableFuture<Object> answer : answers) {
            String outcome = failureOf(answer)
                    .map(failure -> Failures.rejection(failure)
                            .map(LedgerRejection::code)
                            .map(LedgerErrorCode::name)
                            .orElse(failure.toString()))
                    .orElse("accepted");
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    private static Optional<Throwable> failureOf(CompletableFuture<Object> answer) {
        try {
            answer.get(30, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException failure) {
            return Optional.of(failure.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double redecided() {
        return registry.counter(GroupCommit.REDECIDED).count();
    }

    private long reservationsRecorded(String region) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.BudgetReserved'",
                Long.class, new BudgetId(new RegionCode(region), YEAR).value());
        return count == null ? 0 : count;
    }

    private static ReserveBudget reservation(String region, Money amount, String description) {
        ReservationId id = ReservationId.of(new BudgetId(new RegionCode(region), YEAR), UUID.randomUUID());
        return new ReserveBudget(
                id,
                BudgetType.AANVULLENDE_DIENSTVERLENING,
                MenuItem.SCHOLING,
                amount,
                new Candidate(
                        new CandidateRef("gc-" + UUID.randomUUID()), TargetGroup.WW, LocalDate.of(2021, 1, 15), false),
                LocalDate.of(YEAR, 7, 1),
                description == null ? null : new Description(description),
                true,
                new Actor("coord-" + region, "COORDINATOR", region));
    }

    /** Holds the writer on the holding command, counts each batch's commands, and fails a command when asked. */
    private final class Probe implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (command.getMetaData().containsKey(HOLD)) {
                Gate held = gate.get();
                held.entered.countDown();
                held.release.await(30, TimeUnit.SECONDS);
                return chain.proceed();
            }
            UnitOfWork<?> root = unitOfWork.root();
            batchOf.computeIfAbsent(root, r -> new AtomicInteger()).incrementAndGet();
            if (command.getPayload() instanceof ReserveBudget reserve) {
                rootOf.putIfAbsent(reserve.reservationId().value(), root);
            }
            if (command.getMetaData().containsKey(FAIL)) {
                throw new IllegalStateException("injected failure");
            }
            return chain.proceed();
        }
    }

    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }
}
