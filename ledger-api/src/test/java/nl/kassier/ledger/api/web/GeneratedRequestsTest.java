package nl.kassier.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import nl.kassier.ledger.api.audit.ProjectionRebuild;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.ServiceInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated requests against the running service on PostgreSQL, as a careless user or an attacker sends them: random
 * valid and invalid text (unicode, control characters, lone surrogates, lengths around every maximum, BSN-shaped
 * numbers), extreme dates, strange query parameters, on every step of a reservation. After each batch: every answer
 * is a 2xx or a 4xx problem, never a 5xx; every 2xx shows in its GET; the read models catch up with the stream. After
 * all batches, a full rebuild of the read models gives the same tables, row for row.
 */
class GeneratedRequestsTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(30);
    private static final List<String> READ_MODELS = List.of(
            "amendment_view ORDER BY amendment_id",
            "budget_usage ORDER BY region, year, budget_type",
            "reservation_view ORDER BY reservation_id",
            "reservation_history ORDER BY reservation_id, event_position",
            "payment_view ORDER BY payment_id");

    private static ServiceInstance service;
    private static Api api;
    private static JdbcTemplate jdbc;
    /** Reservations that later requests act on: a few of each step. */
    private static final List<String> targets = new ArrayList<>();

    private static final AtomicInteger serial = new AtomicInteger();

    @BeforeContainer
    static void start() {
        service = ServiceInstance.start("test", "ledger.checkpoint.interval=PT1H");
        api = service.api();
        jdbc = service.bean(JdbcTemplate.class);
        Response allocated = api.post("szw", "/api/v1/amendments", """
                {"id":"generated","title":"Illustratieve verdeling (gegenereerde verzoeken)","effectiveFrom":"2022-01-01",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"1000000.00"},
                   {"region":"rijnmond","year":2022,"budgets":["UITVOERINGSKOSTEN"],"amount":"1000000.00"},
                   {"region":"rijnmond","year":2022,"budgets":["WERKFITBEHOUD"],"amount":"1000000.00"}]}
                """);
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            targets.add(created(api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", valid("base-" + i))));
            String committed =
                    created(api.post("coord-rijnmond", "/api/v1/regions/rijnmond/reservations", valid("base-c" + i)));
            api.post(
                    "coord-rijnmond",
                    "/api/v1/reservations/" + committed + "/commit",
                    "{\"date\":\"2022-07-15\",\"amount\":\"900.00\"}");
            targets.add(committed);
        }
    }

    @AfterContainer
    static void rebuildGivesTheSameReadModels() {
        try {
            awaitCaughtUp();
            Map<String, List<Map<String, Object>>> before = readModels();
            service.bean(ProjectionRebuild.class).rebuild();
            assertThat(readModels()).isEqualTo(before);
        } finally {
            service.close();
        }
    }

    @Property(tries = 25)
    void everyAnswerIsASuccessThatShowsOrAProblemAndTheReadModelsKeepUp(
            @ForAll @Size(min = 10, max = 20) List<@From("requests") Generated> batch) {
        for (Generated request : batch) {
            Response response = request.send();
            Statistics.label("answers").collect(request.getClass().getSimpleName(), response.status() / 100 + "xx");
            assertThat(response.status())
                    .as("%s → %s", request, response.body())
                    .isBetween(200, 499);
            if (response.status() >= 400) {
                assertThat(response.isProblem())
                        .as("%s → %s", request, response.body())
                        .isTrue();
                assertThat(response.json().path("code").asText()).isNotEmpty();
            } else {
                request.shows(response);
            }
        }
        awaitCaughtUp();
    }

    /** A request, what it sends, and how a success of it shows. */
    interface Generated {
        Response send();

        void shows(Response answer);
    }

    record Reserve(String user, Map<String, Object> body) implements Generated {
        @Override
        public Response send() {
            return api.post(user, "/api/v1/regions/rijnmond/reservations", json(body));
        }

        @Override
        public void shows(Response answer) {
            assertThat(answer.status()).isEqualTo(201);
            // The pseudonym, opened from the sealed data, is for the regional roles to read.
            JsonNode shown = api.get(
                            "coord-rijnmond",
                            "/api/v1/reservations/" + answer.json().get("id").asText())
                    .json();
            Object candidate = body.get("candidate");
            if (candidate instanceof Map<?, ?> fields) {
                assertThat(shown.path("candidateRef").asText()).isEqualTo(fields.get("ref"));
            }
            assertThat(shown.path("status").asText()).isIn("REQUESTED", "RESERVED");
        }
    }

    record Step(String user, String step, int target, Map<String, Object> body) implements Generated {
        @Override
        public Response send() {
            return api.post(user, "/api/v1/reservations/" + targets.get(target) + "/" + step, json(body));
        }

        /** The step is the reservation's last in its history, with its own detail, and the answer says so too. */
        @Override
        public void shows(Response answer) {
            JsonNode shown = api.get("auditor", "/api/v1/reservations/" + targets.get(target))
                    .json();
            JsonNode history = shown.path("history");
            JsonNode last = history.get(history.size() - 1);
            String type =
                    switch (step) {
                        case "reject" -> "REJECTED";
                        case "release" -> "RELEASED";
                        case "commit" -> "COMMITTED";
                        default -> "PAID";
                    };
            assertThat(last.path("type").asText()).as(shown.toString()).isEqualTo(type);
            Object detail =
                    switch (step) {
                        case "reject", "release" -> body.get("reason");
                        case "commit" -> body.get("reference");
                        default -> body.get("paymentId");
                    };
            if (detail instanceof String text) {
                assertThat(last.path("detail").asText()).isEqualTo(step.equals("payments") ? text : text.strip());
            } else {
                assertThat(last.path("detail").isMissingNode()
                                || last.path("detail").isNull())
                        .as("no detail given, none shown: %s", last)
                        .isTrue();
            }
            if (step.equals("payments")) {
                assertThat(answer.status()).isEqualTo(201);
                assertThat(answer.json().path("paymentId").asText()).isEqualTo(body.get("paymentId"));
            } else {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.json().path("status").asText())
                        .isEqualTo(shown.path("status").asText());
            }
        }
    }

    record Query(String path) implements Generated {
        @Override
        public Response send() {
            return api.get("auditor", path);
        }

        @Override
        public void shows(Response answer) {
            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.json();
            if (path.contains("/budgets/")) {
                assertThat(body.path("lines").isArray()).as(body.toString()).isTrue();
            } else if (path.contains("/reservations")
                    || path.contains("/payments")
                    || path.contains("/reconciliations")) {
                assertThat(body.path("items").isArray()).as(body.toString()).isTrue();
            } else {
                assertThat(body.isArray()).as(body.toString()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<Generated> requests() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, reservations()),
                net.jqwik.api.Tuple.of(3, steps()),
                net.jqwik.api.Tuple.of(2, queries()));
    }

    private Arbitrary<Generated> reservations() {
        Arbitrary<String> budget = Arbitraries.of(
                "AANVULLENDE_DIENSTVERLENING",
                "UITVOERINGSKOSTEN",
                "WERKFITBEHOUD",
                "AANVULLENDE_DIENSTVERLENING ",
                "BONUS");
        Arbitrary<Object> candidate = Arbitraries.oneOf(
                Combinators.combine(refs(), dates(), Arbitraries.of(true, false))
                        .as((ref, jobLoss, agreement) -> (Object) candidate(ref, jobLoss, agreement)),
                Arbitraries.just((Object) Map.of()),
                Arbitraries.just(null));
        return Combinators.combine(
                        Arbitraries.of("fnv-rijnmond", "coord-rijnmond"),
                        budget,
                        Arbitraries.of("10.00", "1.00", "-1.00", "0.001", "1000000000.00"),
                        candidate,
                        dates(),
                        texts())
                .as((user, type, amount, who, date, description) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("year", 2022);
                    body.put("budget", type);
                    body.put("menuItem", menuItem(type));
                    body.put("amount", amount);
                    if (who != null) {
                        body.put("candidate", who);
                    }
                    if (date != null) {
                        body.put("date", date);
                    }
                    if (description != null) {
                        body.put("description", description);
                    }
                    return new Reserve(user, body);
                });
    }

    private Arbitrary<Generated> steps() {
        Arbitrary<Integer> target = Arbitraries.integers().between(0, 7);
        return Arbitraries.oneOf(
                Combinators.combine(target, texts())
                        .as((t, reason) -> step("coord-rijnmond", "reject", t, "reason", reason)),
                Combinators.combine(target, texts())
                        .as((t, reason) -> step("coord-rijnmond", "release", t, "reason", reason)),
                Combinators.combine(target, texts()).as((t, reference) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("amount", "1.00");
                    if (reference != null) {
                        body.put("reference", reference);
                    }
                    return (Generated) new Step("coord-rijnmond", "commit", t, body);
                }),
                Combinators.combine(target, paymentIds(), dates(), texts()).as((t, id, date, invoice) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("paymentId", id);
                    body.put("amount", "0.01");
                    if (date != null) {
                        body.put("date", date);
                    }
                    if (invoice != null) {
                        body.put("invoiceRef", invoice);
                    }
                    return (Generated) new Step("kassier", "payments", t, body);
                }));
    }

    private Arbitrary<Generated> queries() {
        Arbitrary<String> instants = Arbitraries.of(
                "2022-07-01T00:00:00Z",
                "1656633600000",
                "-999999999-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z",
                "2022-07-01",
                "Tue, 3 Jun 2008 11:05:30 GMT",
                "%20");
        Arbitrary<String> encoded = instants.map(i -> URLEncoder.encode(i, StandardCharsets.UTF_8));
        Arbitrary<String> days = dates().filter(d -> d != null).map(d -> URLEncoder.encode(d, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                encoded.map(i -> (Generated) new Query("/api/v1/regions/rijnmond/budgets/2022?asOf=" + i)),
                encoded.map(i -> (Generated) new Query("/api/v1/caps?year=2022&asOf=" + i)),
                Combinators.combine(
                                days, days, Arbitraries.of("", "&region=rijnmond", "&region=%20rijnmond", "&size=0"))
                        .as((from, to, more) ->
                                (Generated) new Query("/api/v1/payments?from=" + from + "&to=" + to + more)),
                Arbitraries.of(
                                "/api/v1/regions/rijnmond/budgets/2022?on=2022-12-31",
                                "/api/v1/regions/rijnmond/budgets/%202022",
                                "/api/v1/regions/rijnmond/reservations?status=RESERVED&status=COMMITTED",
                                "/api/v1/regions/rijnmond/reservations?status=REQUESTED,RESERVED",
                                "/api/v1/regions/rijnmond/reservations?open=true",
                                "/api/v1/regions/rijnmond/reservations?page=-1",
                                "/api/v1/regions/rijnmond/reservations?size=100000",
                                "/api/v1/caps?year=2022&on=0000-01-01",
                                "/api/v1/payments?from=2000-01-01&to=2100-12-31&size=100",
                                "/api/v1/reconciliations?page=100000&size=100",
                                "/api/v1/reconciliations?page=100001")
                        .map(path -> (Generated) new Query(path)));
    }

    /** Candidate refs: valid pseudonyms, and what no pseudonym is: too short, too long, a BSN, other characters. */
    private static Arbitrary<String> refs() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("abcXYZ0189._-")
                        .ofMinLength(2)
                        .ofMaxLength(66)
                        .map(s -> "p" + s),
                Arbitraries.of("123456782", "12345672", "111222333", "p:1", "p 1", "Jan Jansen BSN 123456782", ""),
                Arbitraries.just("r".repeat(65)),
                texts().filter(t -> t != null));
    }

    /** Free text: ordinary words, every kind of awkward character, and lengths around each maximum. */
    private static Arbitrary<String> texts() {
        Arbitrary<String> awkward = Arbitraries.strings()
                .withCharRange('\u0000', '\u00ff')
                .withChars('\ud800', '\udfff', '\ufffd', '€', '漢')
                .ofMaxLength(40);
        Arbitrary<String> lengths =
                Arbitraries.of(1, 127, 128, 129, 499, 500, 501).map(n -> "t".repeat(n));
        return Arbitraries.oneOf(
                Arbitraries.of("past niet", "opdracht-17", " spaties ", "\uD83D\uDCB6 emoji"),
                awkward,
                lengths,
                Arbitraries.just(null));
    }

    /** Dates: ordinary ones, the calendar's edges, and what is no date of the ledger. */
    private static Arbitrary<String> dates() {
        return Arbitraries.of(
                "2022-07-01",
                "2021-01-15",
                "2000-01-01",
                "1999-12-31",
                "0000-01-01",
                "9999-12-31",
                "+10000-01-01",
                "2022-02-30",
                "2022-7-1",
                "2100-12-31",
                null);
    }

    private static Arbitrary<String> paymentIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(65),
                Arbitraries.of("PAY 1", "", "PAY\u0000", "PÄY-1"));
    }

    private static Map<String, Object> candidate(String ref, String jobLoss, boolean agreement) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("ref", ref);
        candidate.put("targetGroup", "WW");
        if (jobLoss != null) {
            candidate.put("jobLossDate", jobLoss);
        }
        candidate.put("jobAgreement", agreement);
        return candidate;
    }

    private static Generated step(String user, String step, int target, String field, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) {
            body.put(field, text);
        }
        return new Step(user, step, target, body);
    }

    private static String menuItem(String budget) {
        return switch (budget.strip()) {
            case "UITVOERINGSKOSTEN" -> "PERSONELE_INZET";
            case "WERKFITBEHOUD" -> "JOBCOACHING";
            default -> "MATCHING";
        };
    }

    private static String valid(String ref) {
        return json(Map.of(
                "year", 2022,
                "budget", "AANVULLENDE_DIENSTVERLENING",
                "menuItem", "MATCHING",
                "amount", "1000.00",
                "candidate", candidate(ref + "-" + serial.incrementAndGet(), "2021-01-15", false),
                "date", "2022-07-01"));
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the read models have read every event of the stream. */
    private static void awaitCaughtUp() {
        Instant deadline = Instant.now().plus(CATCH_UP_MAX);
        double lag = lag();
        while (lag != 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            lag = lag();
        }
        assertThat(lag).as("events the read models have not processed").isZero();
    }

    private static double lag() {
        return api.get("auditor", "/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("ledger_projection_lag_events{processor=\"read-models\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }

    private static Map<String, List<Map<String, Object>>> readModels() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : READ_MODELS) {
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table));
        }
        return tables;
    }
}
