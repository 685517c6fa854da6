package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.stream.Stream;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every reservation endpoint tried with what a careless or hostile client sends: wrong types, numbers for amounts,
 * three decimals, negative, zero and huge amounts, unknown fields and enum values, missing fields, bad JSON, wrong
 * content types, unknown ids and regions, bad paging, oversized bodies and headers. Each gets a 4xx problem with the
 * right code, and not one event is written.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedReservationRequestsTest {

    private static final String VALID = """
            {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"2500.00",
             "candidate":{"ref":"pseudo-1","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
             "date":"2022-07-01"}""";
    private static final String UNKNOWN_ID = "rijnmond_2022_00000000-0000-0000-0000-000000000000";

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
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"sweep-allocatie","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                   "amount":"100000.00"}]}""");
        assertThat(allocated.status()).isIn(201, 409);
        requested = api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", VALID)
                .json()
                .get("id")
                .asText();
        committed = api.post(
                        "coord-rijnmond",
                        "/api/v1/regions/rijnmond/reservations",
                        VALID.replace("pseudo-1", "pseudo-2"))
                .json()
                .get("id")
                .asText();
        assertThat(api.post(
                                "coord-rijnmond",
                                "/api/v1/reservations/" + committed + "/commit",
                                "{\"amount\":\"2000.00\",\"date\":\"2022-07-15\"}")
                        .status())
                .isEqualTo(200);
    }

    static Stream<Arguments> malformed() {
        String reserve = "/api/v1/regions/rijnmond/reservations";
        return Stream.of(
                bad("bad JSON", "POST", reserve, "{bad", 400, "VALIDATION_FAILED"),
                bad("empty body", "POST", reserve, "", 400, "VALIDATION_FAILED"),
                bad("a JSON array", "POST", reserve, "[]", 400, "VALIDATION_FAILED"),
                bad(
                        "year as a string",
                        "POST",
                        reserve,
                        VALID.replace("\"year\":2022", "\"year\":\"2022\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "year as a fraction",
                        "POST",
                        reserve,
                        VALID.replace("\"year\":2022", "\"year\":2022.5"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "year out of range",
                        "POST",
                        reserve,
                        VALID.replace("\"year\":2022", "\"year\":1999"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount as an integer",
                        "POST",
                        reserve,
                        VALID.replace("\"2500.00\"", "2500"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount as a decimal number",
                        "POST",
                        reserve,
                        VALID.replace("\"2500.00\"", "2500.50"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount with three decimals",
                        "POST",
                        reserve,
                        VALID.replace("2500.00", "2500.001"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount with one decimal",
                        "POST",
                        reserve,
                        VALID.replace("2500.00", "2500.0"),
                        400,
                        "VALIDATION_FAILED"),
                bad("negative amount", "POST", reserve, VALID.replace("2500.00", "-5.00"), 400, "VALIDATION_FAILED"),
                bad("zero amount", "POST", reserve, VALID.replace("2500.00", "0.00"), 400, "VALIDATION_FAILED"),
                bad(
                        "amount above the maximum",
                        "POST",
                        reserve,
                        VALID.replace("2500.00", "1000000000.00"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount in exponent form",
                        "POST",
                        reserve,
                        VALID.replace("2500.00", "2.5E3"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "unknown top-level field",
                        "POST",
                        reserve,
                        VALID.replace("{\"year\"", "{\"bsn\":\"123456782\",\"year\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "unknown nested field",
                        "POST",
                        reserve,
                        VALID.replace("\"ref\"", "\"name\":\"Jan\",\"ref\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "unknown budget type",
                        "POST",
                        reserve,
                        VALID.replace("AANVULLENDE_DIENSTVERLENING", "BONUS"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "unknown menu item",
                        "POST",
                        reserve,
                        VALID.replace("SCHOLING", "VAKANTIE"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "unknown target group",
                        "POST",
                        reserve,
                        VALID.replace("\"WW\"", "\"PENSIOEN\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "budget type by number",
                        "POST",
                        reserve,
                        VALID.replace("\"AANVULLENDE_DIENSTVERLENING\"", "0"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "menu item of another budget type",
                        "POST",
                        reserve,
                        VALID.replace("SCHOLING", "MBO_DIPLOMA"),
                        400,
                        "VALIDATION_FAILED"),
                bad("missing year", "POST", reserve, VALID.replace("\"year\":2022,", ""), 400, "VALIDATION_FAILED"),
                bad(
                        "missing budget",
                        "POST",
                        reserve,
                        VALID.replace("\"budget\":\"AANVULLENDE_DIENSTVERLENING\",", ""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "missing menu item",
                        "POST",
                        reserve,
                        VALID.replace("\"menuItem\":\"SCHOLING\",", ""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "missing amount",
                        "POST",
                        reserve,
                        VALID.replace("\"amount\":\"2500.00\",", ""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "missing candidate",
                        "POST",
                        reserve,
                        "{\"year\":2022,\"budget\":\"AANVULLENDE_DIENSTVERLENING\",\"menuItem\":\"SCHOLING\",\"amount\":\"1.00\",\"date\":\"2022-07-01\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "missing candidate reference",
                        "POST",
                        reserve,
                        VALID.replace("\"ref\":\"pseudo-1\",", ""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "candidate as a string",
                        "POST",
                        reserve,
                        "{\"year\":2022,\"budget\":\"AANVULLENDE_DIENSTVERLENING\",\"menuItem\":\"SCHOLING\",\"amount\":\"1.00\",\"candidate\":\"Jan Jansen\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "candidate reference with spaces",
                        "POST",
                        reserve,
                        VALID.replace("pseudo-1", "Jan Jansen"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "jobAgreement as a string",
                        "POST",
                        reserve,
                        VALID.replace("\"jobAgreement\":false", "\"jobAgreement\":\"yes\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "date in the future",
                        "POST",
                        reserve,
                        VALID.replace("2022-07-01", "2099-01-01"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a date-time where a date is asked",
                        "POST",
                        reserve,
                        VALID.replace("\"2022-07-01\"", "\"2022-05-31T23:30:00Z\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "impossible date",
                        "POST",
                        reserve,
                        VALID.replace("2022-07-01", "2022-02-30"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "date as a number",
                        "POST",
                        reserve,
                        VALID.replace("\"2022-07-01\"", "20220701"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "description too long",
                        "POST",
                        reserve,
                        VALID.replace("\"date\"", "\"description\":\"" + "x".repeat(501) + "\",\"date\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "duplicate key",
                        "POST",
                        reserve,
                        VALID.replace("{\"year\":2022,", "{\"year\":2022,\"year\":2023,"),
                        400,
                        "VALIDATION_FAILED"),
                bad("unknown region", "POST", "/api/v1/regions/atlantis/reservations", VALID, 404, "NOT_FOUND"),
                bad("approve a malformed id", "POST", "/api/v1/reservations/nope/approve", "", 404, "NOT_FOUND"),
                bad(
                        "approve an unknown id",
                        "POST",
                        "/api/v1/reservations/" + UNKNOWN_ID + "/approve",
                        "",
                        404,
                        "NOT_FOUND"),
                bad(
                        "approve an id of an unknown region",
                        "POST",
                        "/api/v1/reservations/atlantis_2022_00000000-0000-0000-0000-000000000000/approve",
                        "",
                        404,
                        "NOT_FOUND"),
                bad(
                        "approve an id of a year without budget",
                        "POST",
                        "/api/v1/reservations/rijnmond_1999_00000000-0000-0000-0000-000000000000/approve",
                        "",
                        404,
                        "NOT_FOUND"),
                bad(
                        "commit without amount",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "commit with a number amount",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{\"amount\":100}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "commit with bad JSON",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{\"amount\":",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "commit with an unknown field",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{\"amount\":\"1.00\",\"approved\":true}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "reject with a number reason",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"reason\":5}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "release with an unknown field",
                        "POST",
                        "/api/v1/reservations/{committed}/release",
                        "{\"reason\":\"x\",\"force\":true}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payment without payment id",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"amount\":\"1.00\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payment id too long",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"" + "p".repeat(65) + "\",\"amount\":\"1.00\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payment of zero",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"p-zero\",\"amount\":\"0.00\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payment dated in the future",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"p-future\",\"amount\":\"1.00\",\"date\":\"2099-01-01\"}",
                        422,
                        "DATE_OUT_OF_ORDER"),
                bad(
                        "payment to an unknown reservation",
                        "POST",
                        "/api/v1/reservations/" + UNKNOWN_ID + "/payments",
                        "{\"paymentId\":\"p-x\",\"amount\":\"1.00\"}",
                        404,
                        "NOT_FOUND"),
                bad("read an unknown reservation", "GET", "/api/v1/reservations/" + UNKNOWN_ID, null, 404, "NOT_FOUND"),
                bad(
                        "read a reservation as of a malformed instant",
                        "GET",
                        "/api/v1/reservations/{requested}?asOf=yesterday",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list page -1",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?page=-1",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list size 0",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?size=0",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list size 1000",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?size=1000",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list with an unknown status",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?status=LOST",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list with year abc",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?year=abc",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "list of an unknown region",
                        "GET",
                        "/api/v1/regions/atlantis/reservations",
                        null,
                        404,
                        "NOT_FOUND"),
                bad(
                        "budget of year abc",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/abc",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "budget of an unknown region",
                        "GET",
                        "/api/v1/regions/atlantis/budgets/2022",
                        null,
                        404,
                        "NOT_FOUND"),
                bad(
                        "budget as of a malformed instant",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?asOf=2022-01-01",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                // What one ordinary request could once do to the read models for good.
                bad(
                        "a candidate ref of 65 characters on uitvoeringskosten",
                        "POST",
                        reserve,
                        VALID.replace("AANVULLENDE_DIENSTVERLENING", "UITVOERINGSKOSTEN")
                                .replace("SCHOLING", "PERSONELE_INZET")
                                .replace("pseudo-1", "r".repeat(65)),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "an empty candidate on uitvoeringskosten",
                        "POST",
                        reserve,
                        VALID.replace("AANVULLENDE_DIENSTVERLENING", "UITVOERINGSKOSTEN")
                                .replace("SCHOLING", "PERSONELE_INZET")
                                .replaceAll("\"candidate\":\\{[^}]*}", "\"candidate\":{}"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a BSN as candidate ref",
                        "POST",
                        reserve,
                        VALID.replace("pseudo-1", "123456782"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "an 8-digit BSN as candidate ref",
                        "POST",
                        reserve,
                        VALID.replace("pseudo-1", "12345672"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a candidate ref with a colon",
                        "POST",
                        reserve,
                        VALID.replace("pseudo-1", "p:1"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a candidate ref of two characters",
                        "POST",
                        reserve,
                        VALID.replace("pseudo-1", "p1"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a description with a NUL character",
                        "POST",
                        reserve,
                        VALID.replace("\"date\"", "\"description\":\"a\\u0000b\",\"date\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a description of 501 characters",
                        "POST",
                        reserve,
                        VALID.replace("\"date\"", "\"description\":\"" + "d".repeat(501) + "\",\"date\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a melding dated before 2000",
                        "POST",
                        reserve,
                        VALID.replace("2022-07-01", "1999-12-31"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a job loss dated 0000-01-01",
                        "POST",
                        reserve,
                        VALID.replace("2021-01-15", "0000-01-01"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a budget type with a trailing space",
                        "POST",
                        reserve,
                        VALID.replace("\"AANVULLENDE_DIENSTVERLENING\"", "\"AANVULLENDE_DIENSTVERLENING \""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a rejection whose reason is a NUL character",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"reason\":\"\\u0000\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a rejection whose reason holds a lone surrogate",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"reason\":\"a\\ud800b\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a rejection whose reason is blank",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"reason\":\"   \"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a release whose reason has 501 characters",
                        "POST",
                        "/api/v1/reservations/{committed}/release",
                        "{\"reason\":\"" + "r".repeat(501) + "\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a commitment whose reference holds a line break",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{\"amount\":\"1.00\",\"reference\":\"a\\nb\"}",
                        400,
                        "VALIDATION_FAILED"),
                // The legal date of a step: a date, in the calendar; its place among the steps is the budget's.
                bad(
                        "an approval dated with a number",
                        "POST",
                        "/api/v1/reservations/{requested}/approve",
                        "{\"date\":20220715}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "an approval dated on the 13th month",
                        "POST",
                        "/api/v1/reservations/{requested}/approve",
                        "{\"date\":\"2022-13-01\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "an approval with an unknown field",
                        "POST",
                        "/api/v1/reservations/{requested}/approve",
                        "{\"on\":\"2022-07-15\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a rejection dated in the year 2101",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"reason\":\"nee\",\"date\":\"2101-01-01\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a commitment dated before its reservation",
                        "POST",
                        "/api/v1/reservations/{requested}/commit",
                        "{\"amount\":\"1.00\",\"date\":\"2021-01-01\"}",
                        409,
                        "INVALID_STATE"),
                bad(
                        "a rejection dated before its melding",
                        "POST",
                        "/api/v1/reservations/{requested}/reject",
                        "{\"date\":\"2022-06-30\"}",
                        422,
                        "DATE_OUT_OF_ORDER"),
                bad(
                        "a payment dated before its commitment",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"PAY-EARLY\",\"amount\":\"1.00\",\"date\":\"2022-07-14\"}",
                        422,
                        "DATE_OUT_OF_ORDER"),
                bad(
                        "a closing dated with a number",
                        "POST",
                        "/api/v1/regions/rijnmond/budgets/2022/closing",
                        "{\"date\":1}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a closing of an unknown region",
                        "POST",
                        "/api/v1/regions/atlantis/budgets/2022/closing",
                        "{\"date\":\"2025-01-01\"}",
                        404,
                        "NOT_FOUND"),
                bad(
                        "a closing of a year outside the ledger",
                        "POST",
                        "/api/v1/regions/rijnmond/budgets/1999/closing",
                        "{\"date\":\"2025-01-01\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a closing within its own year",
                        "POST",
                        "/api/v1/regions/rijnmond/budgets/2022/closing",
                        "{\"date\":\"2022-12-31\"}",
                        422,
                        "DATE_OUT_OF_ORDER"),
                bad(
                        "a settlement of an open year",
                        "POST",
                        "/api/v1/regions/rijnmond/budgets/2022/settlement",
                        "{\"date\":\"2025-01-01\"}",
                        409,
                        "INVALID_STATE"),
                bad(
                        "a national closing of a year outside the ledger",
                        "POST",
                        "/api/v1/budgets/2101/closing",
                        "{}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a payment dated 0000-01-01",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"PAY-Y0\",\"amount\":\"1.00\",\"date\":\"0000-01-01\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a payment with an invoice ref of 129 characters",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"PAY-L\",\"amount\":\"1.00\",\"invoiceRef\":\"" + "i".repeat(129) + "\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a payment id with a space",
                        "POST",
                        "/api/v1/reservations/{committed}/payments",
                        "{\"paymentId\":\"PAY 1\",\"amount\":\"1.00\"}",
                        400,
                        "VALIDATION_FAILED"),
                // Query parameters and path variables, as strict as bodies.
                bad(
                        "a budget asked on a legal date that is no date",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?on=2022-13-01",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a budget asked on two legal dates",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?on=2022-12-31&on=2023-01-01",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a budget asked on a legal date outside the calendar",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?on=1999-12-31",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a status given twice",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?status=RESERVED&status=COMMITTED",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a status with a trailing space",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?status=RESERVED%20",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "an empty status",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?status=",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "open as a number",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?open=1",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a year with a space before it",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/%202022",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a page with a plus sign",
                        "GET",
                        "/api/v1/regions/rijnmond/reservations?page=%2B1",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a budget as of epoch milliseconds",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?asOf=1656633600000",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a budget as of an instant far before the ledger",
                        "GET",
                        "/api/v1/regions/rijnmond/budgets/2022?asOf=-999999999-01-01T00:00:00Z",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "a reservation as of an instant far before the ledger",
                        "GET",
                        "/api/v1/reservations/{requested}?asOf=-999999999-01-01T00:00:00Z",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "caps as of an instant far before the ledger",
                        "GET",
                        "/api/v1/caps?year=2022&asOf=-999999999-01-01T00:00:00Z",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "caps as of an RFC 1123 date",
                        "GET",
                        "/api/v1/caps?year=2022&asOf=Tue,%203%20Jun%202008%2011:05:30%20GMT",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "caps on a date outside the ledger's calendar",
                        "GET",
                        "/api/v1/caps?year=2022&on=0000-01-01",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad("payments without from", "GET", "/api/v1/payments?to=2022-08-31", null, 400, "VALIDATION_FAILED"),
                bad(
                        "payments to a day before from",
                        "GET",
                        "/api/v1/payments?from=2022-08-31&to=2022-08-30",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payments from a 13th month",
                        "GET",
                        "/api/v1/payments?from=2022-13-01&to=2022-12-31",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payments with to given twice",
                        "GET",
                        "/api/v1/payments?from=2022-08-01&to=2022-08-31&to=2022-09-30",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payments with an unknown parameter",
                        "GET",
                        "/api/v1/payments?from=2022-08-01&to=2022-08-31&year=2022",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payments, 1000 to a page",
                        "GET",
                        "/api/v1/payments?from=2022-08-01&to=2022-08-31&size=1000",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "payments of an unknown region",
                        "GET",
                        "/api/v1/payments?from=2022-08-01&to=2022-08-31&region=atlantis",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "reconciliations, 1000 to a page",
                        "GET",
                        "/api/v1/reconciliations?size=1000",
                        null,
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "reconciliations with an unknown parameter",
                        "GET",
                        "/api/v1/reconciliations?from=2022-08-01",
                        null,
                        400,
                        "VALIDATION_FAILED"));
    }

    private static Arguments bad(String what, String method, String path, String body, int status, String code) {
        return Arguments.of(what, method, path, body, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithAProblemAndWritesNothing(
            String what, String method, String path, String body, int status, String code) {
        String target = path.replace("{requested}", requested).replace("{committed}", committed);
        String user;
        if (target.contains("/payments") || target.contains("/closing") || target.contains("/reconciliations")) {
            user = "kassier";
        } else if (target.contains("/settlement")) {
            user = "szw";
        } else if (target.contains("/approve") || target.contains("/reject")) {
            user = "coord-rijnmond";
        } else {
            user = "fnv-rijnmond";
        }
        long before = events.count();

        Response response = "GET".equals(method) ? api.get(user, target) : api.post(user, target, body);

        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(what).isTrue();
        assertThat(response.code()).as(what).isEqualTo(code);
        if (status == 400) {
            assertThat(response.json().get("errors")).as(what).isNotEmpty();
        }
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "SELECT", "org.springframework");
        assertThat(events.count()).as(what + " wrote no event").isEqualTo(before);
    }

    @Test
    void refusesAnotherContentType() {
        long before = events.count();
        Response yaml = api.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + requested + "/reject",
                "application/yaml",
                "reason: x\nbogus: 1");
        assertThat(yaml.status()).isEqualTo(415);

        Response text = api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", "text/plain", VALID);
        Response xml =
                api.post("kassier", "/api/v1/reservations/" + committed + "/payments", "application/xml", "<payment/>");

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesMalformedIdempotencyKeys() {
        long before = events.count();
        for (String key : new String[] {"with space", "k".repeat(65)}) {
            Response refused = api.send(api.request("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(VALID)));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesOversizedBodiesAndHeaders() {
        long before = events.count();
        String huge = VALID.replace("\"date\"", "\"description\":\"" + "x".repeat(2_000_000) + "\",\"date\"");

        Response body = api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", huge);
        Response header = api.send(api.request("fnv-rijnmond", "/api/v1/regions/rijnmond/budgets/2022")
                .header("X-Padding", "p".repeat(20_000))
                .GET());

        assertThat(body.status()).isEqualTo(413);
        assertThat(body.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.isProblem()).isTrue();
        assertThat(events.count()).isEqualTo(before);
    }
}
