package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every role and region boundary of the contract, on both sides: outside its role or region a user gets 403 and
 * writes nothing; inside them the same call goes through; without credentials, 401. The organisation check (a
 * partner acts only on its own organisation's reservations) is decided by the budget and tested in BudgetTest.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final String RESERVATION = """
            {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"100.00",
             "candidate":{"ref":"access-1","jobLossDate":"2021-01-15"},"date":"2022-07-01"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;
    String requested;
    String committed;

    @BeforeAll
    void createReservations() {
        api = new Api(port);
        events = new EventStore(jdbc);
        assertThat(api.post("szw", "/api/v1/amendments", """
                                {"id":"sweep-allocatie","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                   "amount":"100000.00"}]}""").status()).isIn(201, 409);
        requested = api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", RESERVATION)
                .json()
                .get("id")
                .asText();
        committed = api.post(
                        "fnv-rijnmond",
                        "/api/v1/regions/rijnmond/reservations",
                        RESERVATION.replace("access-1", "access-2"))
                .json()
                .get("id")
                .asText();
        api.post("coord-rijnmond", "/api/v1/reservations/" + committed + "/approve", "{\"date\":\"2022-07-15\"}");
        assertThat(api.post(
                                "fnv-rijnmond",
                                "/api/v1/reservations/" + committed + "/commit",
                                "{\"date\":\"2022-07-15\",\"amount\":\"100.00\"}")
                        .status())
                .isEqualTo(200);
    }

    /** The payments of 2022, as every role may ask them within its own regions. */
    private static final String PAYMENTS = "/api/v1/payments?from=2022-01-01&to=2022-12-31";

    static Stream<Arguments> forbidden() {
        String reserve = "/api/v1/regions/rijnmond/reservations";
        return Stream.of(
                call("kassier", "POST", reserve, RESERVATION),
                // The role is refused before the body is read: a malformed body changes nothing about the 403.
                call("auditor", "POST", reserve, "{\"year\":\"x\"}"),
                call("coord-rijnmond", "POST", "/api/v1/reservations/{committed}/payments", "{bad json"),
                call("auditor", "POST", reserve, RESERVATION),
                call("szw", "POST", reserve, RESERVATION),
                call("coord-drechtsteden", "POST", reserve, RESERVATION),
                call("gemeente-amsterdam", "POST", reserve, RESERVATION),
                call("fnv-rijnmond", "POST", "/api/v1/regions/groot-amsterdam/reservations", RESERVATION),
                call("fnv-rijnmond", "POST", "/api/v1/reservations/{requested}/approve", ""),
                call("kassier", "POST", "/api/v1/reservations/{requested}/approve", ""),
                call("auditor", "POST", "/api/v1/reservations/{requested}/approve", ""),
                call("coord-drechtsteden", "POST", "/api/v1/reservations/{requested}/approve", ""),
                call("fnv-rijnmond", "POST", "/api/v1/reservations/{requested}/reject", ""),
                call("coord-groot-amsterdam", "POST", "/api/v1/reservations/{requested}/reject", ""),
                call("kassier", "POST", "/api/v1/reservations/{committed}/release", ""),
                call("auditor", "POST", "/api/v1/reservations/{committed}/release", ""),
                call("coord-drechtsteden", "POST", "/api/v1/reservations/{committed}/release", ""),
                call("gemeente-amsterdam", "POST", "/api/v1/reservations/{committed}/release", ""),
                call("kassier", "POST", "/api/v1/reservations/{requested}/commit", "{\"amount\":\"1.00\"}"),
                call("szw", "POST", "/api/v1/reservations/{requested}/commit", "{\"amount\":\"1.00\"}"),
                call("gemeente-amsterdam", "POST", "/api/v1/reservations/{requested}/commit", "{\"amount\":\"1.00\"}"),
                call(
                        "coord-rijnmond",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"acc-1\",\"amount\":\"1.00\"}"),
                call(
                        "fnv-rijnmond",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"acc-2\",\"amount\":\"1.00\"}"),
                call(
                        "auditor",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"acc-3\",\"amount\":\"1.00\"}"),
                call(
                        "szw",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"acc-4\",\"amount\":\"1.00\"}"),
                call("coord-drechtsteden", "GET", "/api/v1/reservations/{requested}", null),
                call("gemeente-amsterdam", "GET", "/api/v1/reservations/{requested}", null),
                call("coord-drechtsteden", "GET", "/api/v1/regions/rijnmond/reservations", null),
                call("gemeente-amsterdam", "GET", "/api/v1/regions/rijnmond/reservations", null),
                call("coord-drechtsteden", "GET", "/api/v1/regions/rijnmond/budgets/2022", null),
                call("gemeente-amsterdam", "GET", "/api/v1/regions/rijnmond/budgets/2022", null),
                call("coord-drechtsteden", "GET", PAYMENTS + "&region=rijnmond", null),
                call("fnv-rijnmond", "GET", PAYMENTS + "&region=groot-amsterdam", null),
                call("gemeente-amsterdam", "GET", PAYMENTS + "&region=rijnmond", null),
                call("coord-rijnmond", "GET", "/api/v1/reconciliations", null),
                call("fnv-rijnmond", "GET", "/api/v1/reconciliations", null),
                call("szw", "GET", "/api/v1/reconciliations", null),
                call(
                        "coord-rijnmond",
                        "POST",
                        "/api/v1/amendments",
                        "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\"}"),
                call(
                        "auditor",
                        "POST",
                        "/api/v1/amendments",
                        "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\"}"));
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                call("coord-rijnmond", "GET", "/api/v1/reservations/{requested}", null),
                call("fnv-rijnmond", "GET", "/api/v1/reservations/{requested}", null),
                call("kassier", "GET", "/api/v1/reservations/{requested}", null),
                call("auditor", "GET", "/api/v1/reservations/{requested}", null),
                call("fnv-rijnmond", "GET", "/api/v1/regions/rijnmond/reservations", null),
                call("auditor", "GET", "/api/v1/regions/rijnmond/budgets/2022", null),
                call("coord-rijnmond", "GET", "/api/v1/regions/rijnmond/budgets/2022", null),
                call("kassier", "GET", PAYMENTS, null),
                call("auditor", "GET", PAYMENTS + "&region=drechtsteden", null),
                call("szw", "GET", PAYMENTS, null),
                call("coord-rijnmond", "GET", PAYMENTS, null),
                call("coord-rijnmond", "GET", PAYMENTS + "&region=rijnmond", null),
                call("fnv-rijnmond", "GET", PAYMENTS + "&region=drechtsteden", null),
                call("gemeente-amsterdam", "GET", PAYMENTS, null),
                call("kassier", "GET", "/api/v1/reconciliations", null),
                call("auditor", "GET", "/api/v1/reconciliations?page=1&size=5", null),
                call(
                        "kassier",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"acc-ok\",\"amount\":\"1.00\"}"),
                call("fnv-rijnmond", "POST", "/api/v1/regions/drechtsteden/reservations", RESERVATION));
    }

    private static Arguments call(String user, String method, String path, String body) {
        return Arguments.of(user, method, path, body);
    }

    private Response send(String user, String method, String path, String body) {
        String target = path.replace("{requested}", requested).replace("{committed}", committed);
        return "GET".equals(method) ? api.get(user, target) : api.post(user, target, body);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("forbidden")
    void refusesAUserOutsideItsRoleOrRegion(String user, String method, String path, String body) {
        long before = events.count();

        Response refused = send(user, method, path, body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(events.count()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("allowed")
    void letsAUserWithinItsRoleAndRegionThrough(String user, String method, String path, String body) {
        Response response = send(user, method, path, body);

        // The call is past the access check: a success, or the budget's own answer (drechtsteden has no allocation).
        assertThat(response.status()).as(response.body()).isNotIn(401, 403);
        assertThat(response.status()).as(response.body()).isIn(200, 201, 409);
    }

    @ParameterizedTest(name = "anonymous {1} {2}")
    @MethodSource("forbidden")
    void refusesEveryCallWithoutCredentials(String user, String method, String path, String body) {
        long before = events.count();

        Response refused = send(null, method, path, body);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(events.count()).isEqualTo(before);
    }
}
