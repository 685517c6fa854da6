package nl.kassier.ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.kassier.ledger.api.LedgerApplication;

/**
 * The service as a separate operating-system process, started the way an operator starts it (a JVM with the
 * service's classpath and command-line settings), so that a test can kill it with SIGKILL and measure its resident
 * memory. Its output goes to a log file next to the test's other files.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service with {@code profiles}, the JVM options {@code jvmOptions} and the {@code key=value}
     * properties, on a free port, and waits until its health answers 200.
     */
    public static ServiceProcess start(Path log, String profiles, List<String> jvmOptions, String... properties) {
        return start(log, freePort(), profiles, jvmOptions, properties);
    }

    /** As {@link #start(Path, String, List, String...)}, on the given port (for a restart on the same address). */
    public static ServiceProcess start(
            Path log, int port, String profiles, List<String> jvmOptions, String... properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LedgerApplication.class.getName());
        command.add("--server.port=" + port);
        command.add("--spring.profiles.active=" + profiles);
        command.add("--axoniq.update-checker.disabled=true");
        for (String property : properties) {
            command.add("--" + property);
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            ServiceProcess service = new ServiceProcess(process, port, log);
            service.awaitHealthy(START_TIMEOUT);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the service", e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Api api() {
        return new Api(port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** The resident set size now, and its peak, in bytes, as Linux reports them in {@code /proc/<pid>/status}. */
    public Memory memory() {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) * 1024;
                }
            }
            return new Memory(rss, peak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory in bytes: now and at its highest. */
    public record Memory(long resident, long peakResident) {}

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until {@code GET /actuator/health} answers 200, or fails with the end of the service's log. */
    public void awaitHealthy(Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the service was not healthy within " + timeout + ":\n" + tail());
    }

    /** A graceful stop (SIGTERM), as an operator's orchestrator would ask. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        String text = logText();
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static long kilobytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
