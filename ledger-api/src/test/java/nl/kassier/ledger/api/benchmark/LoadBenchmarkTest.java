package nl.kassier.ledger.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.benchmark.LoadRecorder.Stats;
import nl.kassier.ledger.api.support.ServiceProcess;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service under HTTP load, as production runs it: its own JVM with the recommended options (README), the
 * {@code production} profile with bearer JWTs signed by a key of the benchmark's own, on a PostgreSQL the benchmark
 * starts. Measures, with a configurable number of clients: (a) reservations spread over all 35 regions, and the raw
 * rate of single-row inserts into the same PostgreSQL it is compared with; (b) reservations all on one hot budget;
 * (c) the latency of a reservation on a budget of about 100 events against one of about 100,000; (d) the latency of
 * {@code GET /regions/{r}/budgets/{year}} while reservations run alongside; the budget of (c)'s long history as of
 * an instant (the first answer, then from its replay's checkpoints); a cheap authenticated GET under the
 * same clients, the ceiling of the HTTP stack; the kassier's payment run of 10,000 payments in one request; and the
 * service's resident memory after each. Prints the figures with their goals and writes them to {@code target/load-benchmark.txt}; fails only
 * when the service answered 5xx or not at all. Run with {@code ./mvnw -B -Pbenchmark verify -pl ledger-api -am
 * -Dtest=LoadBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dtests.output.toFile=false} (the last
 * setting shows the figures on the console); settings {@code -Dload.clients=16},
 * {@code -Dload.readers=4}, {@code -Dload.warmupSeconds=10}, {@code -Dload.seconds=30}, {@code -Dload.history=100000},
 * {@code -Dload.samples=300}, {@code -Dload.jvmOptions="-Xmx512m …"}.
 */
@Tag("benchmark")
class LoadBenchmarkTest {

    /** The audience the production profile requires every token to name. */
    private static final String AUDIENCE = "kassier-ledger-benchmark";

    /** The service JVM's options recommended for production (README, "Configuration"). */
    static final String RECOMMENDED_JVM_OPTIONS = "-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxMetaspaceSize=256m"
            + " -XX:ReservedCodeCacheSize=128m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+ExitOnOutOfMemoryError";

    private static final int CLIENTS = Integer.getInteger("load.clients", 16);
    private static final int READERS = Integer.getInteger("load.readers", 4);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("load.warmupSeconds", 10));
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("load.seconds", 30));
    private static final int HISTORY = Integer.getInteger("load.history", 100_000);
    private static final int SMALL_HISTORY = 100;
    private static final int SAMPLES = Integer.getInteger("load.samples", 300);
    private static final List<String> JVM_OPTIONS = Arrays.stream(
                    System.getProperty("load.jvmOptions", RECOMMENDED_JVM_OPTIONS)
                            .trim()
                            .split("\\s+"))
            .filter(option -> !option.isEmpty())
            .toList();

    private static final double GOAL_SPREAD_OF_RAW = 0.30;
    private static final double GOAL_HOT_PER_SECOND = 2_000;
    private static final double GOAL_HISTORY_RATIO = 1.5;
    private static final long GOAL_READ_P99_NANOS = 10_000_000;
    private static final long GOAL_RESIDENT_BYTES = 1L << 30;
    private static final int PAYMENT_RUN = 10_000;
    private static final double GOAL_PAYMENT_RUN_SECONDS = 2.0;
    private static final long GOAL_AS_OF_P50_NANOS = 50_000_000;
    private static final int AS_OF_SAMPLES = 50;
    /** The service's default {@code ledger.replay-checkpoint-interval}. */
    private static final int CHECKPOINT_INTERVAL = 500;

    private static final String AANVULLEND = "AANVULLENDE_DIENSTVERLENING";
    /** The hot budget of (b), grown to the long history of (c). */
    private static final String HOT_REGION = "rijnmond";
    /** The budget with a short history of (c). */
    private static final String SMALL_REGION = "zeeland";

    private static final int HISTORY_YEAR = 2021;
    private static final int SPREAD_YEAR = 2022;

    private static final Path FIGURES = Path.of("target", "load-benchmark.txt").toAbsolutePath();
    private static final Path SERVICE_LOG =
            Path.of("target", "load-benchmark-service.log").toAbsolutePath();

    @TempDir
    Path dir;

    private final List<String> report = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> regions =
            Regions.all().stream().map(r -> r.code().value()).toList();
    private long peakResident;
    private String asOfFigure = "as-of budget: not measured";
    private String kassier;
    private ServiceProcess service;
    private String base;

    @Test
    void drivesTheServiceUnderLoadAndComparesItWithRawInserts() throws Exception {
        Files.deleteIfExists(FIGURES);
        Files.deleteIfExists(SERVICE_LOG);
        KeyPair keys = keys();
        Path publicKey = dir.resolve("jwt.pub");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n",
                StandardCharsets.US_ASCII);
        for (Region region : Regions.all()) {
            String code = region.code().value();
            tokens.put(code, token(Map.of("sub", "coord-" + code, "role", "COORDINATOR", "region", code), keys));
        }
        String szw = token(Map.of("sub", "szw-benchmark", "role", "SZW", "organisation", "SZW"), keys);
        kassier = token(Map.of("sub", "kassier-benchmark", "role", "KASSIER", "organisation", "UWV"), keys);

        print(String.format(
                "kassier load benchmark, %s: %d clients (+%d readers in d), %d s warm-up, %d s measured per scenario,"
                        + " %d cores",
                Instant.now(),
                CLIENTS,
                READERS,
                WARMUP.toSeconds(),
                MEASURED.toSeconds(),
                Runtime.getRuntime().availableProcessors()));
        print("service JVM options: " + String.join(" ", JVM_OPTIONS));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"))) {
            long starting = System.nanoTime();
            service = ServiceProcess.start(
                    SERVICE_LOG,
                    "production",
                    JVM_OPTIONS,
                    "ledger.db.url=" + database.jdbcUrl(),
                    "ledger.db.user=" + EmbeddedDatabase.USER,
                    "ledger.db.password=" + database.password(),
                    "ledger.jwt.audience=" + AUDIENCE,
                    "ledger.checkpoint.key-file=" + dir.resolve("checkpoint-signing.key"),
                    "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
            try {
                base = "http://localhost:" + service.port();
                print(String.format(
                        "service pid %d healthy after %.1f s; its log: %s",
                        service.pid(), seconds(starting), SERVICE_LOG));
                memory("after start");
                allocate(szw);
                runScenarios(database);
            } finally {
                if (service.isAlive()) {
                    memory("at the end");
                } else {
                    failures.add("the service died during the benchmark");
                }
                service.close();
                writeFigures();
            }
        }
        assertThat(failures)
                .as("the service answered 5xx or not at all:\n" + String.join("\n", report))
                .isEmpty();
    }

    private void runScenarios(EmbeddedDatabase database) throws Exception {
        // (a) Reservations spread over the budgets of all 35 regions.
        long[] store = storeCounters(database);
        Map<String, Stats> spread = run("(a) spread", WARMUP, MEASURED, new Group("reserve", CLIENTS, (client, n) -> {
            String region = regions.get((int) ((client * 7 + n) % regions.size()));
            return reserve(region, SPREAD_YEAR, "a-" + client + "-" + n);
        }));
        Stats a = spread.get("reserve");
        printStore(database, "(a)", store);
        memory("after (a)");

        // The raw rate of PostgreSQL: the same number of clients, each inserting one event-like row per transaction.
        Stats raw = raw(database, false);
        // Not a goal: the same inserts through a copy of the hash-chain trigger, to show what its lock costs.
        Stats chained = raw(database, true);
        memory("after the raw inserts (service idle)");

        // The HTTP ceiling: the cheapest authenticated request, a static list, under the same clients.
        Stats cheap = run("cheap GET /regions", WARMUP, MEASURED, new Group("GET regions", CLIENTS, (c, n) -> {
                    String region = regions.get((int) ((c * 7 + n) % regions.size()));
                    return request("/api/v1/regions", tokens.get(region)).GET().build();
                }))
                .get("GET regions");

        // (b) Reservations all on one budget.
        store = storeCounters(database);
        Map<String, Stats> hot = run(
                "(b) hot budget " + HOT_REGION + " " + HISTORY_YEAR,
                WARMUP,
                MEASURED,
                new Group(
                        "reserve", CLIENTS, (client, n) -> reserve(HOT_REGION, HISTORY_YEAR, "b-" + client + "-" + n)));
        Stats b = hot.get("reserve");
        printStore(database, "(b)", store);
        memory("after (b)");

        // (c) A short history and a long one, then one client alternating between them.
        String smallBudget = SMALL_REGION + "_" + HISTORY_YEAR;
        String bigBudget = HOT_REGION + "_" + HISTORY_YEAR;
        grow(database, SMALL_REGION, smallBudget, SMALL_HISTORY, 1);
        store = storeCounters(database);
        Stats grown = grow(database, HOT_REGION, bigBudget, HISTORY, CLIENTS);
        printStore(database, "growing " + bigBudget, store);
        memory("after growing the long history");
        long smallEvents = events(database, smallBudget);
        long bigEvents = events(database, bigBudget);
        LoadRecorder small = new LoadRecorder();
        LoadRecorder big = new LoadRecorder();
        HttpClient client = client();
        store = storeCounters(database);
        for (int i = 0; i < SAMPLES + 20; i++) {
            boolean measured = i >= 20;
            send(client, reserve(SMALL_REGION, HISTORY_YEAR, "c-small-" + i), measured ? small : null);
            send(client, reserve(HOT_REGION, HISTORY_YEAR, "c-big-" + i), measured ? big : null);
        }
        Stats cSmall = small.stats(1);
        Stats cBig = big.stats(1);
        print(String.format(
                "(c) one client, %d reservations each, alternating: %s (%,d → %,d events) %s | %s (%,d → %,d events) %s",
                SAMPLES,
                smallBudget,
                smallEvents,
                events(database, smallBudget),
                cSmall.latencies(),
                bigBudget,
                bigEvents,
                events(database, bigBudget),
                cBig.latencies()));
        printStore(database, "(c)", store);
        check("(c) short history", cSmall);
        check("(c) long history", cBig);
        memory("after (c)");
        asOf(database, client, bigBudget);

        // (d) Budget reads while reservations spread over all regions run alongside.
        store = storeCounters(database);
        Map<String, Stats> reads = run(
                "(d) reads under load",
                WARMUP,
                MEASURED,
                new Group("reserve", CLIENTS, (c, n) -> {
                    String region = regions.get((int) ((c * 7 + n) % regions.size()));
                    return reserve(region, SPREAD_YEAR, "d-" + c + "-" + n);
                }),
                new Group("GET budget", READERS, (c, n) -> {
                    String region = regions.get((int) ((c * 11 + n) % regions.size()));
                    return request("/api/v1/regions/" + region + "/budgets/" + SPREAD_YEAR, tokens.get(region))
                            .GET()
                            .build();
                }));
        Stats dRead = reads.get("GET budget");
        Stats dWrite = reads.get("reserve");
        printStore(database, "(d)", store);
        memory("after (d)");

        // The kassier's payment run: 10,000 payments in one request, on 100 committed reservations over 35 budgets.
        List<Double> runs = paymentRuns(database);
        memory("after the payment runs");

        summary(a, raw, chained, cheap, b, grown, cSmall, cBig, smallEvents, bigEvents, dRead, dWrite);
        double median = runs.stream().sorted().toList().get(runs.size() / 2);
        print(String.format(
                "payment run of %,d payments: median %.2f s of %s (%,.0f payments/s = %.1f %% of raw)"
                        + "   goal <= %.0f s   %s",
                PAYMENT_RUN,
                median,
                runs.stream().map(t -> String.format("%.2f", t)).toList(),
                PAYMENT_RUN / median,
                100 * (PAYMENT_RUN / median) / raw.okPerSecond(),
                GOAL_PAYMENT_RUN_SECONDS,
                verdict(median <= GOAL_PAYMENT_RUN_SECONDS)));
        print("==============================================================================================");
    }

    /**
     * Commits 100 reservations over the 35 budgets for each of three payment runs of {@value #PAYMENT_RUN} payments of
     * one cent each (100 per reservation); returns each run's seconds, from sending to the last byte of its answer.
     */
    private List<Double> paymentRuns(EmbeddedDatabase database) throws Exception {
        HttpClient client = client();
        List<String> reservations = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String region = regions.get(i % regions.size());
            HttpResponse<String> reserved = send(client, reserve(region, SPREAD_YEAR, "run-" + i));
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
            String id = reserved.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> commit = send(
                    client,
                    request("/api/v1/reservations/" + id + "/commit", tokens.get(region))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"amount\":\"1.00\",\"reference\":\"B-" + i + "\",\"date\":\"2022-07-02\"}"))
                            .build());
            assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
            reservations.add(id);
        }
        List<Double> seconds = new ArrayList<>();
        long[] store = storeCounters(database);
        for (int run = 0; run < 3; run++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < PAYMENT_RUN; i++) {
                body.append(i == 0 ? "" : ",")
                        .append(String.format(
                                "{\"reservationId\":\"%s\",\"paymentId\":\"RUN-%d-%d\",\"amount\":\"0.01\","
                                        + "\"date\":\"2022-08-01\"}",
                                reservations.get(100 * run + i % 100), run, i));
            }
            HttpRequest request = request("/api/v1/payments", kassier)
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString()))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> answer = send(client, request);
            double took = seconds(start);
            if (answer.statusCode() != 200 || !answer.body().contains("\"registered\":" + PAYMENT_RUN + ",")) {
                failures.add("payment run " + run + ": " + answer.statusCode() + " "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            seconds.add(took);
            print(String.format("payment run %d of %,d payments: %.2f s", run + 1, PAYMENT_RUN, took));
        }
        printStore(database, "payment runs", store);
        return seconds;
    }

    private void summary(
            Stats a,
            Stats raw,
            Stats chained,
            Stats cheap,
            Stats b,
            Stats grown,
            Stats cSmall,
            Stats cBig,
            long smallEvents,
            long bigEvents,
            Stats dRead,
            Stats dWrite) {
        double ofRaw = a.okPerSecond() / raw.okPerSecond();
        double historyRatio = (double) cBig.p50() / cSmall.p50();
        double historyRatio99 = (double) cBig.p99() / cSmall.p99();
        print("");
        print("==================== kassier load benchmark: figures and goals ====================");
        print(String.format(
                "clients %d, readers %d, warm-up %d s, measured %d s per scenario, service JVM: %s",
                CLIENTS, READERS, WARMUP.toSeconds(), MEASURED.toSeconds(), String.join(" ", JVM_OPTIONS)));
        print(String.format("raw PostgreSQL inserts      %,8.0f rows/s      %s", raw.okPerSecond(), raw.latencies()));
        print(String.format(
                "    through the chain trigger %,6.0f rows/s = %.1f %% of raw (no goal)",
                chained.okPerSecond(), 100 * chained.okPerSecond() / raw.okPerSecond()));
        print(String.format(
                "cheap GET /regions          %,8.0f reads/s     %s   = %.1f %% of raw: the HTTP ceiling",
                cheap.okPerSecond(), cheap.latencies(), 100 * cheap.okPerSecond() / raw.okPerSecond()));
        print(String.format("(a) spread over 35 regions  %,8.0f reserves/s  %s", a.okPerSecond(), a.latencies()));
        print(String.format(
                "    (a) / raw = %.1f %%                           goal >= %.0f %%   %s",
                ofRaw * 100, GOAL_SPREAD_OF_RAW * 100, verdict(ofRaw >= GOAL_SPREAD_OF_RAW)));
        print(String.format("    (a) / cheap GET = %.1f %% (no goal)", 100 * a.okPerSecond() / cheap.okPerSecond()));
        print(String.format(
                "(b) one hot budget          %,8.0f reserves/s  %s   goal >= %,.0f/s   %s",
                b.okPerSecond(), b.latencies(), GOAL_HOT_PER_SECOND, verdict(b.okPerSecond() >= GOAL_HOT_PER_SECOND)));
        print(String.format(
                "    (b) / raw = %.1f %%, (b) / cheap GET = %.1f %%",
                100 * b.okPerSecond() / raw.okPerSecond(), 100 * b.okPerSecond() / cheap.okPerSecond()));
        print(String.format("(c) %,d events: %s", smallEvents, cSmall.latencies()));
        print(String.format("    %,d events: %s", bigEvents, cBig.latencies()));
        print(String.format(
                "    ratio p50 %.2f×, p99 %.2f×     goal <= %.1f×: p50 %s, p99 %s",
                historyRatio,
                historyRatio99,
                GOAL_HISTORY_RATIO,
                verdict(historyRatio <= GOAL_HISTORY_RATIO),
                verdict(historyRatio99 <= GOAL_HISTORY_RATIO)));
        print(String.format(
                "    growing the hot budget to %,d events: %,.0f reserves/s, %s (no goal: (b) on a long history)",
                HISTORY, grown.okPerSecond(), grown.latencies()));
        print(String.format(
                "(d) GET budget under load   %,8.0f reads/s     %s   goal p99 <= %s   %s",
                dRead.okPerSecond(),
                dRead.latencies(),
                Stats.millis(GOAL_READ_P99_NANOS),
                verdict(dRead.p99() <= GOAL_READ_P99_NANOS)));
        print(String.format(
                "    reservations alongside  %,8.0f reserves/s  %s", dWrite.okPerSecond(), dWrite.latencies()));
        print(asOfFigure);
        print(String.format(
                "resident memory, peak (VmHWM) %,d MiB              goal <= 1,024 MiB %s",
                peakResident / (1024 * 1024), verdict(peakResident <= GOAL_RESIDENT_BYTES)));
        print(String.format(
                "answers: (a) %s; (b) %s; (c) %s / %s; (d) %s / %s; raw %s; cheap GET %s",
                a.answers(),
                b.answers(),
                cSmall.answers(),
                cBig.answers(),
                dWrite.answers(),
                dRead.answers(),
                raw.answers(),
                cheap.answers()));
        print(failures.isEmpty() ? "no 5xx answers, no transport errors" : "FAILURES: " + failures);
        print("figures written to " + FIGURES + "; the service's log is " + SERVICE_LOG);
    }

    /**
     * The budget of (c)'s long history as of now, over HTTP as an auditor asks it: the first answer replays it from the
     * first event and asks for its replay's checkpoints; once they are written, {@value #AS_OF_SAMPLES} answers resume
     * from them.
     */
    private void asOf(EmbeddedDatabase database, HttpClient client, String budget) throws Exception {
        String path = "/api/v1/regions/" + HOT_REGION + "/budgets/" + HISTORY_YEAR + "?asOf=";
        long firstStart = System.nanoTime();
        HttpResponse<String> first =
                send(client, request(path + Instant.now(), kassier).GET().build());
        double firstSeconds = seconds(firstStart);
        long events = events(database, budget);
        long writing = System.nanoTime();
        while (checkpoints(database, budget) < events / CHECKPOINT_INTERVAL && seconds(writing) < 600) {
            Thread.sleep(200);
        }
        double written = seconds(writing);
        LoadRecorder answers = new LoadRecorder();
        for (int i = 0; i < AS_OF_SAMPLES + 5; i++) {
            send(client, request(path + Instant.now(), kassier).GET().build(), i >= 5 ? answers : null);
        }
        Stats stats = answers.stats(1);
        check("as-of", stats);
        asOfFigure = String.format(
                "as-of budget, %,d events  p50 %s (goal <= %s) %s, p99 %s; the first answer %.2f s (status %d),"
                        + " its %,d checkpoints written in %.1f s",
                events,
                Stats.millis(stats.p50()),
                Stats.millis(GOAL_AS_OF_P50_NANOS),
                verdict(stats.p50() <= GOAL_AS_OF_P50_NANOS),
                Stats.millis(stats.p99()),
                firstSeconds,
                first.statusCode(),
                checkpoints(database, budget),
                written);
        print(asOfFigure + " | " + stats.latencies() + " | " + stats.answers());
    }

    private static long checkpoints(EmbeddedDatabase database, String aggregate) throws SQLException {
        return rows(database, "replay_checkpoint", aggregate);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    /** One allocation amendment: every region's 2022 budget, and the two 2021 budgets of (b) and (c). */
    private void allocate(String szw) {
        StringBuilder allocations = new StringBuilder();
        for (String region : regions) {
            allocations.append(String.format(
                    "{\"region\":\"%s\",\"year\":%d,\"budgets\":[\"%s\"],\"amount\":\"1000000.00\"},",
                    region, SPREAD_YEAR, AANVULLEND));
        }
        for (String region : List.of(HOT_REGION, SMALL_REGION)) {
            allocations.append(String.format(
                    "{\"region\":\"%s\",\"year\":%d,\"budgets\":[\"%s\"],\"amount\":\"10000000.00\"},",
                    region, HISTORY_YEAR, AANVULLEND));
        }
        allocations.setLength(allocations.length() - 1);
        String body = """
                {"id":"load-benchmark","title":"Illustratieve verdeling voor de load-benchmark",
                 "effectiveFrom":"2022-01-01","allocations":[%s]}
                """.formatted(allocations);
        long start = System.nanoTime();
        HttpResponse<String> answer = send(
                client(),
                request("/api/v1/amendments", szw)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        print(String.format("allocation amendment for 37 budgets recorded in %.1f s", seconds(start)));
    }

    private HttpRequest reserve(String region, int year, String candidate) {
        String date = year == HISTORY_YEAR ? "2021-12-01" : "2022-07-01";
        String body = """
                {"year":%d,"budget":"%s","menuItem":"SCHOLING","amount":"1.00",
                 "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                 "date":"%s"}""".formatted(year, AANVULLEND, candidate, date);
        return request("/api/v1/regions/" + region + "/reservations", tokens.get(region))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    /** Makes requests of the given kind. */
    @FunctionalInterface
    interface Requests {
        HttpRequest next(int client, long n);
    }

    /** A number of clients that each send requests of one kind, one after the other, as fast as answered. */
    record Group(String name, int clients, Requests requests) {}

    /**
     * Runs every group's clients at once for the warm-up and then the measured time, records what was sent in the
     * measured time, and prints it per group.
     */
    private Map<String, Stats> run(String scenario, Duration warmup, Duration measured, Group... groups)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        Map<String, LoadRecorder> recorders = new LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (Group group : groups) {
            LoadRecorder recorder = new LoadRecorder();
            recorders.put(group.name(), recorder);
            for (int c = 0; c < group.clients(); c++) {
                int clientIndex = c;
                threads.add(thread(scenario + " " + group.name() + " " + c, () -> {
                    HttpClient client = client();
                    for (long n = 0; System.nanoTime() < end; n++) {
                        HttpRequest request = group.requests().next(clientIndex, n);
                        send(client, request, System.nanoTime() >= measureFrom ? recorder : null);
                    }
                }));
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        recorders.forEach((name, recorder) -> {
            Stats figures = recorder.stats(measured.toNanos() / 1e9);
            stats.put(name, figures);
            print(String.format(
                    "%s, %s (%d clients): %,.0f/s, %s | %s",
                    scenario,
                    name,
                    Arrays.stream(groups)
                            .filter(g -> g.name().equals(name))
                            .findFirst()
                            .orElseThrow()
                            .clients(),
                    figures.okPerSecond(),
                    figures.latencies(),
                    figures.answers()));
            check(scenario + " " + name, figures);
        });
        return stats;
    }

    /** Sends one request; when a recorder is given, records its latency and answer there. */
    private static void send(HttpClient client, HttpRequest request, LoadRecorder recorder) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (recorder != null) {
                recorder.record(System.nanoTime() - sent, response.statusCode(), response.body());
            }
        } catch (IOException e) {
            if (recorder != null) {
                recorder.error(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Grows the budget {@code budget} through the service to at least {@code target} events, with reservations by
     * {@code clients} clients, and prints how fast that went.
     */
    private Stats grow(EmbeddedDatabase database, String region, String budget, int target, int clients)
            throws Exception {
        long before = events(database, budget);
        long start = System.nanoTime();
        LoadRecorder recorder = new LoadRecorder();
        long count = before;
        int round = 0;
        while (count < target) {
            AtomicLong tickets = new AtomicLong(target - count);
            int roundNumber = round++;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientIndex = c;
                threads.add(thread("load client", () -> {
                    HttpClient client = client();
                    for (long n = tickets.getAndDecrement(); n > 0; n = tickets.getAndDecrement()) {
                        send(
                                client,
                                reserve(region, HISTORY_YEAR, "grow-" + roundNumber + "-" + clientIndex + "-" + n),
                                recorder);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long now = events(database, budget);
            if (now == count) {
                throw new IllegalStateException("the budget " + budget + " stopped growing: "
                        + recorder.stats(1).answers());
            }
            count = now;
        }
        double took = seconds(start);
        Stats figures = recorder.stats(took);
        print(String.format(
                "grew %s from %,d to %,d events in %.0f s with %d clients: %,.0f reserves/s, %s | %s",
                budget, before, count, took, clients, figures.okPerSecond(), figures.latencies(), figures.answers()));
        check("growing " + budget, figures);
        return figures;
    }

    /**
     * What PostgreSQL counted on the event store so far: reads of the snapshot table (one per aggregate the service
     * had to load, that is per miss of its aggregate cache), snapshots written, and events appended.
     */
    private static long[] storeCounters(EmbeddedDatabase database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT"
                        + " (SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM pg_stat_user_tables"
                        + " WHERE relname = 'snapshot_event_entry'),"
                        + " (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'snapshot_event_entry'),"
                        + " (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'domain_event_entry')")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** Prints what the event store did since {@code before}, per appended event. */
    private void printStore(EmbeddedDatabase database, String scenario, long[] before) throws Exception {
        // The statistics collector reports with a short delay.
        Thread.sleep(1_000);
        long[] after = storeCounters(database);
        long loads = after[0] - before[0];
        long snapshots = after[1] - before[1];
        long appended = after[2] - before[2];
        print(String.format(
                "%s event store: %,d events appended, %,d aggregate loads (snapshot reads: cache misses, %.2f per"
                        + " event), %,d snapshots written",
                scenario, appended, loads, appended == 0 ? 0.0 : (double) loads / appended, snapshots));
    }

    private static long events(EmbeddedDatabase database, String aggregate) throws SQLException {
        return rows(database, "domain_event_entry", aggregate);
    }

    /** The rows of {@code table} (one of the event store's) that belong to {@code aggregate}. */
    private static long rows(EmbeddedDatabase database, String table, String aggregate) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE aggregate_identifier = ?")) {
            count.setString(1, aggregate);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The raw rate: as many clients as the load, each with its own connection, inserting one row per transaction
     * (autocommit, {@code synchronous_commit} on as the service has it) into a scratch table of the event table's
     * shape, with its indexes and a position sequence but without the hash-chain trigger, with the payload and meta
     * data of a stored reservation event.
     */
    private Stats raw(EmbeddedDatabase database, boolean chained) throws Exception {
        byte[] payload;
        byte[] metaData;
        double averagePayload;
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT payload, meta_data, (SELECT avg(length(payload)) FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%.BudgetReserved') FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%.BudgetReserved' ORDER BY global_index DESC LIMIT 1")) {
                assertThat(rs.next()).as("a reservation event to copy").isTrue();
                payload = rs.getBytes(1);
                metaData = rs.getBytes(2);
                averagePayload = rs.getDouble(3);
            }
            try (ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                print("raw inserts: synchronous_commit " + rs.getString(1) + ", payload " + payload.length
                        + " bytes (reservation events average " + Math.round(averagePayload) + "), meta data "
                        + (metaData == null ? 0 : metaData.length) + " bytes");
            }
            statement.execute("DROP TABLE IF EXISTS load_raw_event");
            statement.execute("DROP SEQUENCE IF EXISTS load_raw_position");
            statement.execute("CREATE SEQUENCE load_raw_position CACHE 1");
            statement.execute("CREATE TABLE load_raw_event (LIKE domain_event_entry INCLUDING DEFAULTS"
                    + " INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            statement.execute(
                    "ALTER TABLE load_raw_event ALTER COLUMN global_index SET DEFAULT nextval('load_raw_position')");
            if (chained) {
                // The chain trigger of V4__hash_chain.sql, on the scratch table, its sequence and a lock of its own.
                String function;
                try (ResultSet rs = statement.executeQuery("SELECT pg_get_functiondef('chain_event'::regproc)")) {
                    rs.next();
                    function = rs.getString(1);
                }
                statement.execute(function.replace("chain_event()", "load_chain_event()")
                        .replace("domain_event_entry", "load_raw_event")
                        .replace("domain_event_position", "load_raw_position")
                        .replace("4849283746373820417", "4849283746373820418"));
                statement.execute("CREATE TRIGGER load_raw_event_chain BEFORE INSERT ON load_raw_event"
                        + " FOR EACH ROW EXECUTE FUNCTION load_chain_event()");
            }
        }
        String insert = "INSERT INTO load_raw_event (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data, recorded_at, previous_hash, hash)"
                + " VALUES (?, ?, ?, 'Budget', ?, 'nl.kassier.ledger.core.budget.BudgetReserved', '1', ?, ?,"
                + " clock_timestamp(), ?, ?)";
        String hash = "0".repeat(64);
        LoadRecorder recorder = new LoadRecorder();
        long measureFrom = System.nanoTime() + WARMUP.toNanos();
        long end = measureFrom + MEASURED.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String aggregate = "raw_" + c;
            threads.add(thread("load client", () -> {
                try (Connection connection = DriverManager.getConnection(
                                database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                        PreparedStatement statement = connection.prepareStatement(insert)) {
                    connection.setAutoCommit(true);
                    for (long n = 0; System.nanoTime() < end; n++) {
                        statement.setString(1, UUID.randomUUID().toString());
                        statement.setString(2, aggregate);
                        statement.setLong(3, n);
                        statement.setString(4, Instant.now().toString());
                        statement.setBytes(5, payload);
                        statement.setBytes(6, metaData);
                        statement.setString(7, hash);
                        statement.setString(8, hash);
                        long sent = System.nanoTime();
                        statement.executeUpdate();
                        if (sent >= measureFrom) {
                            recorder.record(System.nanoTime() - sent, 200, "");
                        }
                    }
                } catch (SQLException e) {
                    recorder.error(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Stats figures = recorder.stats(MEASURED.toNanos() / 1e9);
        print(String.format(
                "raw PostgreSQL single-row inserts%s (%d clients): %,.0f rows/s, %s | %s",
                chained ? " through a copy of the hash-chain trigger" : "",
                CLIENTS,
                figures.okPerSecond(),
                figures.latencies(),
                figures.answers()));
        check("raw inserts", figures);
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE load_raw_event");
            statement.execute("DROP SEQUENCE load_raw_position");
            statement.execute("DROP FUNCTION IF EXISTS load_chain_event()");
        }
        return figures;
    }

    private void check(String scenario, Stats figures) {
        if (figures.failed()) {
            failures.add(scenario + ": " + figures.answers());
        }
    }

    private void memory(String when) {
        ServiceProcess.Memory memory = service.memory();
        peakResident = Math.max(peakResident, memory.peakResident());
        print(String.format(
                "memory %s: resident %,d MiB, peak %,d MiB",
                when, memory.resident() / (1024 * 1024), memory.peakResident() / (1024 * 1024)));
    }

    private void print(String line) {
        report.add(line);
        System.out.println(line);
        System.out.flush();
    }

    private void writeFigures() throws IOException {
        Files.createDirectories(FIGURES.getParent());
        Files.writeString(FIGURES, report.stream().collect(Collectors.joining("\n", "", "\n")));
        System.out.println("figures written to " + FIGURES);
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String token(Map<String, Object> claims, KeyPair signer) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .audience(AUDIENCE)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(12))));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }
}
