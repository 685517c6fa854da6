package nl.kassier.ledger.api.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one group of load clients saw: every latency measured after the warm-up (in nanoseconds, kept in full and
 * sorted for percentiles), the answers by status class, transport errors, and the first few refusals' bodies.
 */
final class LoadRecorder {

    private static final int SAMPLES_MAX = 3;

    private long[] latencies = new long[1 << 14];
    private int size;
    private long ok;
    private long clientErrors;
    private long serverErrors;
    private long transportErrors;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final List<String> samples = new ArrayList<>();

    synchronized void record(long nanos, int status, String body) {
        if (size == latencies.length) {
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        latencies[size++] = nanos;
        statuses.merge(status, 1L, Long::sum);
        if (status >= 200 && status < 300) {
            ok++;
        } else {
            if (status >= 500) {
                serverErrors++;
            } else {
                clientErrors++;
            }
            if (samples.size() < SAMPLES_MAX) {
                samples.add(status + " " + abbreviate(body));
            }
        }
    }

    synchronized void error(Throwable failure) {
        transportErrors++;
        if (samples.size() < SAMPLES_MAX) {
            samples.add(failure.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(failure.getMessage())));
        }
    }

    /** The figures of this group over {@code seconds} of measurement. */
    synchronized Stats stats(double seconds) {
        long[] sorted = Arrays.copyOf(latencies, size);
        Arrays.sort(sorted);
        return new Stats(
                size,
                ok,
                clientErrors,
                serverErrors,
                transportErrors,
                ok / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                Collections.unmodifiableMap(new TreeMap<>(statuses)),
                List.copyOf(samples));
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    /** Counts, rate of 2xx answers per second, and latency percentiles in nanoseconds. */
    record Stats(
            long requests,
            long ok,
            long clientErrors,
            long serverErrors,
            long transportErrors,
            double okPerSecond,
            long p50,
            long p95,
            long p99,
            long max,
            Map<Integer, Long> statuses,
            List<String> samples) {

        boolean failed() {
            return serverErrors > 0 || transportErrors > 0;
        }

        String latencies() {
            return String.format("p50 %s, p95 %s, p99 %s, max %s", millis(p50), millis(p95), millis(p99), millis(max));
        }

        String answers() {
            String text = String.format(
                    "%,d requests: %,d 2xx, %,d 4xx, %,d 5xx, %,d transport errors",
                    requests, ok, clientErrors, serverErrors, transportErrors);
            if (ok != requests) {
                text += " " + statuses + (samples.isEmpty() ? "" : " e.g. " + samples);
            }
            return text;
        }

        static String millis(long nanos) {
            return String.format("%.1f ms", nanos / 1e6);
        }
    }
}
