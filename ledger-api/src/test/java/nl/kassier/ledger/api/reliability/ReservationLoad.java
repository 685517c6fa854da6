package nl.kassier.ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;

/**
 * Clients that keep reserving small amounts, each request with an Idempotency-Key of its own, as careful callers do.
 * Every answer is kept: a 201 is an acknowledged reservation; a request whose answer never came (the connection
 * broke) is kept to be retried with the same key, as such a caller would after an outage.
 */
final class ReservationLoad {

    static final int YEAR = 2022;
    static final String AMOUNT = "10.00";

    /** The demo coordinators and their regions: the default users file. */
    static final Map<String, String> COORDINATORS = new TreeMap<>(Map.of(
            "rijnmond", "coord-rijnmond",
            "drechtsteden", "coord-drechtsteden",
            "groot-amsterdam", "coord-groot-amsterdam"));

    /** One request as sent: who, where, with which key and body. */
    record Sent(String user, String region, String key, String body) {}

    /** An acknowledged reservation: the request and the id the service answered. */
    record Acknowledged(Sent request, String reservationId) {}

    private final List<String> regions;
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Sent> unanswered = new ConcurrentLinkedQueue<>();
    private final Queue<Response> refused = new ConcurrentLinkedQueue<>();
    private final Queue<Response> unavailable = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /** Load on the three demo coordinators' regions. */
    ReservationLoad() {
        this(List.copyOf(COORDINATORS.keySet()));
    }

    /** Load on {@code regions}, some of the demo coordinators' regions. */
    ReservationLoad(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /**
     * Starts {@code clients} threads; client {@code i} sends to the API {@code apis.apply(i)} (one node, or one of
     * several). A client that meets a broken connection keeps trying (a crash or an outage is what is being tried),
     * until {@link #stop()}.
     */
    ReservationLoad start(int clients, IntFunction<Api> apis) {
        CountDownLatch started = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Api api = apis.apply(c);
            Thread thread = new Thread(
                    () -> {
                        started.countDown();
                        while (!stopping.get()) {
                            send(api);
                        }
                    },
                    "reservation-client-" + c);
            thread.start();
            threads.add(thread);
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    private void send(Api api) {
        int n = sequence.incrementAndGet();
        String region = regionOf(n);
        Sent sent = new Sent(COORDINATORS.get(region), region, UUID.randomUUID().toString(), body("load-" + n));
        try {
            Response response = post(api, sent);
            if (response.status() == 201) {
                acknowledged.add(
                        new Acknowledged(sent, response.json().get("id").asText()));
            } else if (response.status() >= 500) {
                // The service could not say whether it recorded the request (an outage): retried later, same key.
                unavailable.add(response);
                unanswered.add(sent);
                pause(Duration.ofMillis(50));
            } else {
                // A refusal recorded nothing and is final.
                refused.add(response);
            }
        } catch (UncheckedIOException | IllegalStateException broken) {
            unanswered.add(sent);
            pause(Duration.ofMillis(100));
        }
    }

    /** Waits until at least {@code count} reservations were acknowledged, or fails after {@code timeout}. */
    void awaitAcknowledged(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (acknowledged.size() < count) {
            assertThat(Instant.now())
                    .as("acknowledged in time: " + acknowledged.size())
                    .isBefore(deadline);
            pause(Duration.ofMillis(20));
        }
    }

    void stop() {
        stopping.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What a careful caller does once the service is back: sends every unanswered request again with its own key.
     * Each must now be answered 201 (recorded now, or recorded before the crash and recognised by its key).
     */
    void retryUnanswered(Api api) {
        Sent sent;
        while ((sent = unanswered.poll()) != null) {
            Response response = post(api, sent);
            assertThat(response.status())
                    .as("retry of %s: %s", sent.key(), response.body())
                    .isIn(200, 201);
            acknowledged.add(new Acknowledged(sent, response.json().get("id").asText()));
        }
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<Sent> unanswered() {
        return List.copyOf(unanswered);
    }

    /** The 4xx answers: final refusals. */
    List<Response> refused() {
        return List.copyOf(refused);
    }

    /** The 5xx answers: the service unable to answer, the request kept for a retry. */
    List<Response> unavailable() {
        return List.copyOf(unavailable);
    }

    /** The sum of the acknowledged reservations per region. */
    Map<String, BigDecimal> acknowledgedPerRegion() {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Acknowledged a : acknowledged) {
            sums.merge(a.request().region(), new BigDecimal(AMOUNT), BigDecimal::add);
        }
        return sums;
    }

    static Response post(Api api, Sent sent) {
        return api.send(api.request(sent.user(), "/api/v1/regions/" + sent.region() + "/reservations")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", sent.key())
                .POST(HttpRequest.BodyPublishers.ofString(sent.body())));
    }

    private String regionOf(int n) {
        return regions.get(n % regions.size());
    }

    static String body(String candidate) {
        return """
                {"year":%d,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"%s",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"2022-07-01"}
                """.formatted(YEAR, AMOUNT, candidate);
    }

    /** An allocation amendment giving each of the coordinators' regions {@code amount} for {@link #YEAR}. */
    static String allocations(String id, String amount) {
        StringBuilder lines = new StringBuilder();
        for (String region : COORDINATORS.keySet()) {
            if (lines.length() > 0) {
                lines.append(',');
            }
            lines.append(
                    "{\"region\":\"%s\",\"year\":%d,\"budgets\":[\"AANVULLENDE_DIENSTVERLENING\"],\"amount\":\"%s\"}"
                            .formatted(region, YEAR, amount));
        }
        return """
                {"id":"%s","title":"Illustratieve verdeling (betrouwbaarheidstest)","effectiveFrom":"%d-01-01",
                 "allocations":[%s]}
                """.formatted(id, YEAR, lines);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
