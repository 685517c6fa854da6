package nl.kassier.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the ledger takes and how it answers the rest, beyond a reservation's fields: the longest values are taken and
 * shown in full; bodies in another encoding than UTF-8, header bytes the firewall refuses, methods nobody serves and
 * the container's own error page all answer a problem, never a 500 or an empty page; query parameters are as strict
 * as bodies; the OpenAPI document names a fixed address; and an idempotency key is one request across the ledger.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputApiTest {

    private static final String RESERVE = """
            {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"100.00",
             "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
             "date":"2022-07-01"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventStore events;

    @BeforeAll
    void allocate() {
        api = new Api(port);
        events = new EventStore(jdbc);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"strict-allocatie","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                 "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                   "amount":"100000.00"}]}""");
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    private String reserve(String user, String ref) {
        Response created = api.post(user, "/api/v1/regions/rijnmond/reservations", RESERVE.formatted(ref));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void takesTheLongestReasonReferenceAndRefAndShowsThemInFull() {
        String ref = "r" + "x".repeat(63);
        String id = reserve("fnv-rijnmond", ref);
        String reason = "€".repeat(499) + "\uD83D\uDCB6";

        Response rejected =
                api.post("coord-rijnmond", "/api/v1/reservations/" + id + "/reject", "{\"reason\":\"" + reason + "\"}");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        JsonNode shown = api.get("coord-rijnmond", "/api/v1/reservations/" + id).json();
        assertThat(shown.get("candidateRef").asText()).isEqualTo(ref);
        assertThat(shown.at("/history/1/detail").asText()).isEqualTo(reason);
    }

    @Test
    void refusesABodyInAnotherEncodingThanUtf8() {
        long before = events.count();
        byte[] utf16 = RESERVE.formatted("utf16-1").getBytes(StandardCharsets.UTF_16LE);

        Response undeclared = api.send(api.request("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(utf16)));
        Response declared = api.send(api.request("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations")
                .header("Content-Type", "application/json; charset=UTF-16")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        RESERVE.formatted("utf16-2").getBytes(StandardCharsets.UTF_16))));

        assertThat(undeclared.status()).as(undeclared.body()).isEqualTo(400);
        assertThat(undeclared.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(declared.status()).as(declared.body()).isEqualTo(415);
        assertThat(declared.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refusesAnIdempotencyKeyWithBytesTheFirewallDoesNotTake() {
        long before = events.count();
        byte[] body = RESERVE.formatted("zero-width-1").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/v1/regions/rijnmond/reservations HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + basic("fnv-rijnmond") + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                        + "Connection: close\r\nIdempotency-Key: ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] zeroWidthSpace = {(byte) 0xE2, (byte) 0x80, (byte) 0x8B};

        Raw answer = raw(head, zeroWidthSpace, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.text()).contains("application/problem+json", "VALIDATION_FAILED");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void answersMethodsNobodyServesWith405AndTheErrorPageWith404() {
        for (String method : new String[] {"TRACE", "PROPFIND"}) {
            Raw answer = raw((method + " /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                            + basic("auditor") + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(answer.status()).as(method + ": " + answer.text()).isEqualTo(405);
            assertThat(answer.text()).contains("application/problem+json", "METHOD_NOT_ALLOWED");
            assertThat(answer.text().toLowerCase(java.util.Locale.ROOT)).contains("allow: get");
        }
        Response errorPage = api.get("auditor", "/error");
        assertThat(errorPage.status()).isEqualTo(404);
        assertThat(errorPage.isProblem()).isTrue();
        assertThat(errorPage.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void namesAFixedAddressInTheOpenApiDocumentWhateverTheHost() {
        Raw answer = raw(("GET /api/v1/openapi.json HTTP/1.1\r\nHost: evil.example\r\n"
                        + "X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).doesNotContain("evil.example").contains("\"servers\":[{\"url\":\"/\"");
    }

    @Test
    void refusesAPaymentKeyUsedBeforeOnAnotherReservation() {
        String first = committed("key-reuse-1");
        String second = committed("key-reuse-2");
        Response paid = pay(first, "PAY-KEY-1", "10.00", "betaling-1");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        long before = events.count();

        Response reused = pay(second, "PAY-KEY-2", "20.00", "betaling-1");

        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(events.count()).isEqualTo(before);
        assertThat(api.get("auditor", "/api/v1/reservations/" + second)
                        .json()
                        .get("paid")
                        .asText())
                .isEqualTo("0.00");
        // The same request again is still a retry: the first answer, nothing new.
        Response retried = pay(first, "PAY-KEY-1", "10.00", "betaling-1");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void listsReservationsByAnyOfSeveralStatusesAndByWhetherTheyAreOpen() {
        String requested = reserve("fnv-rijnmond", "list-1");
        String reserved = reserve("coord-rijnmond", "list-2");
        String rejected = reserve("fnv-rijnmond", "list-3");
        api.post("coord-rijnmond", "/api/v1/reservations/" + rejected + "/reject", "{\"reason\":\"nee\"}");

        JsonNode both = api.get("auditor", "/api/v1/regions/rijnmond/reservations?status=REQUESTED,RESERVED&size=100")
                .json();
        JsonNode open = api.get("auditor", "/api/v1/regions/rijnmond/reservations?open=true&size=100")
                .json();
        JsonNode closed = api.get("auditor", "/api/v1/regions/rijnmond/reservations?open=false&size=100")
                .json();

        assertThat(ids(both)).contains(requested, reserved).doesNotContain(rejected);
        assertThat(ids(open)).contains(requested, reserved).doesNotContain(rejected);
        assertThat(ids(closed)).contains(rejected).doesNotContain(requested, reserved);
    }

    private static java.util.List<String> ids(JsonNode page) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private String committed(String ref) {
        String id = reserve("coord-rijnmond", ref);
        Response committed = api.post(
                "coord-rijnmond",
                "/api/v1/reservations/" + id + "/commit",
                "{\"date\":\"2022-07-15\",\"amount\":\"100.00\"}");
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        return id;
    }

    private Response pay(String reservation, String paymentId, String amount, String key) {
        return api.send(api.request("kassier", "/api/v1/reservations/" + reservation + "/payments")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentId\":\"" + paymentId + "\",\"amount\":\"" + amount
                        + "\",\"date\":\"2022-08-01\"}")));
    }

    private static String basic(String user) {
        return Base64.getEncoder()
                .encodeToString((user + ":" + Api.PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer read off the socket: its status and everything it said. */
    record Raw(int status, String text) {}

    /** A request written byte for byte, as no well-behaved client would write it. */
    private Raw raw(byte[]... parts) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            String text = read.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Raw(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
