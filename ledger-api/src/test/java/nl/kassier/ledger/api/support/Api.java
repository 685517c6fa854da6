package nl.kassier.ledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A plain HTTP client for black-box tests: what a caller of the REST contract sends and sees, nothing more. */
public final class Api {

    /** The demo users' passwords (README). */
    public static final Map<String, String> PASSWORDS = Map.of(
            "szw", "szw-demo",
            "kassier", "kassier-demo",
            "auditor", "auditor-demo",
            "coord-rijnmond", "coord-demo",
            "coord-drechtsteden", "coord-demo",
            "coord-groot-amsterdam", "coord-demo",
            "fnv-rijnmond", "partner-demo",
            "uwv-rijnmond", "partner-demo",
            "gemeente-amsterdam", "partner-demo");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> passwords;

    public Api(int port) {
        this(port, PASSWORDS);
    }

    /** A client for a service with its own users file: {@code passwords} by username. */
    public Api(int port, Map<String, String> passwords) {
        this.base = "http://localhost:" + port;
        this.passwords = Map.copyOf(passwords);
    }

    public Response get(String user, String path) {
        return send(request(user, path).GET());
    }

    public Response post(String user, String path, String json) {
        return send(request(user, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String user, String path, String contentType, String body) {
        return send(request(user, path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            String password = passwords.getOrDefault(user, "wrong");
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("API-Version").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response as the caller sees it. */
    public record Response(int status, String contentType, String apiVersion, String body) {

        /** This answer, asserted to have {@code expected} as its status (the body names what went wrong). */
        public Response ok(int expected) {
            org.assertj.core.api.Assertions.assertThat(status).as(body).isEqualTo(expected);
            return this;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText();
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
