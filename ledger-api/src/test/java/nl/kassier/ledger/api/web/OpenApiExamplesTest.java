package nl.kassier.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.context.TestPropertySource;

/**
 * The document tested by its own examples, as a client generated from it would use them: each documented request body
 * is sent, in the order of a reservation's life on the budget the first example allocates, and every answer must have
 * a status the operation documents and a body valid against the schema it documents for that status (OpenAPI 3.1
 * schemas are JSON Schema 2020-12). Then every read operation is called with its documented parameter examples and
 * checked the same way; and each example without each of its required fields is refused with 400, naming the field.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=openapi-examples")
class OpenApiExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    JsonNode document;
    JsonNode closed;
    SchemaRegistry schemas;

    /** Ids this ledger gave, by name, to put into paths and the payment run. */
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void read() throws IOException {
        api = new Api(port);
        document = JSON.readTree(api.get(null, "/api/v1/openapi.json").ok(200).body());
        // Answers hold nothing the document does not name: every object schema with properties is closed here.
        closed = document.get("components").deepCopy();
        closed.path("schemas").forEach(schema -> {
            if (schema.has("properties") && !schema.has("additionalProperties")) {
                ((ObjectNode) schema).put("additionalProperties", false);
            }
        });
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        assertThat(operation.isMissingNode())
                .as(method + " " + path + " in the document")
                .isFalse();
        return operation;
    }

    private JsonNode example(String method, String path) {
        JsonNode example = operation(method, path)
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("example");
        assertThat(example.isMissingNode())
                .as("an example of " + method + " " + path)
                .isFalse();
        return example.deepCopy();
    }

    /** The answer checked against what the document says of this operation at this status. */
    private Response checked(String method, String path, Response answer) {
        JsonNode responses = operation(method, path).path("responses");
        JsonNode documented = responses.path(String.valueOf(answer.status()));
        assertThat(documented.isMissingNode())
                .as(method + " " + path + " answered " + answer.status() + ", which it does not document: "
                        + answer.body())
                .isFalse();
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return answer;
        }
        String type = answer.contentType().split(";")[0].trim();
        JsonNode media = content.path(type);
        assertThat(media.isMissingNode())
                .as(method + " " + path + " " + answer.status() + " answered " + type + ", documented "
                        + iterate(content.fieldNames()))
                .isFalse();
        if (type.endsWith("json")) {
            assertThat(media.has("schema"))
                    .as(method + " " + path + " documents the schema of its " + type)
                    .isTrue();
            List<Error> errors = schema(media.get("schema")).validate(answer.json());
            assertThat(errors)
                    .as(method + " " + path + " " + answer.status() + " against its schema: " + answer.body())
                    .isEmpty();
        }
        return answer;
    }

    private static List<String> iterate(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    /** A schema of the document, with the document's components around it so that its references resolve. */
    private Schema schema(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", closed);
        root.set("allOf", JSON.createArrayNode().add(schema));
        return schemas.getSchema(SchemaLocation.of("urn:kassier:openapi"), root);
    }

    private Response send(String user, String method, String template, String path, JsonNode body) {
        Response answer = body == null
                ? api.send(api.request(user, path).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()))
                : api.post(user, path, body.toString());
        return checked(method, template, answer);
    }

    private Response post(String user, String template, Map<String, String> path) {
        return post(user, template, path, example("POST", template));
    }

    private Response post(String user, String template, Map<String, String> path, JsonNode body) {
        return send(user, "POST", template, fill(template, path), body);
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    @Test
    void everyDocumentedExampleIsAcceptedAndEveryAnswerMatchesItsSchema() {
        Map<String, String> budget = Map.of("region", "rijnmond", "year", "2022");
        post("szw", "/api/v1/amendments", Map.of()).ok(201);
        String reservations = "/api/v1/regions/{region}/reservations";
        // A partner's request, approved, committed, paid and released.
        ids.put(
                "approved",
                post("fnv-rijnmond", reservations, budget)
                        .ok(201)
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "rejected",
                post("fnv-rijnmond", reservations, budget)
                        .ok(201)
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "run",
                post("coord-rijnmond", reservations, budget)
                        .ok(201)
                        .json()
                        .get("id")
                        .asText());
        Map<String, String> approved = Map.of("id", ids.get("approved"));
        post("coord-rijnmond", "/api/v1/reservations/{id}/approve", approved).ok(200);
        post("coord-rijnmond", "/api/v1/reservations/{id}/reject", Map.of("id", ids.get("rejected")))
                .ok(200);
        post("coord-rijnmond", "/api/v1/reservations/{id}/commit", approved).ok(200);
        post("kassier", "/api/v1/reservations/{id}/payments", approved).ok(201);
        post("coord-rijnmond", "/api/v1/reservations/{id}/release", approved).ok(200);
        // The payment run, on a commitment of this ledger.
        post("coord-rijnmond", "/api/v1/reservations/{id}/commit", Map.of("id", ids.get("run")))
                .ok(200);
        JsonNode run = example("POST", "/api/v1/payments");
        ((ObjectNode) run.get(0)).put("reservationId", ids.get("run"));
        JsonNode result =
                post("kassier", "/api/v1/payments", Map.of(), run).ok(200).json();
        assertThat(result.toString()).contains("\"status\":201");
        // The year closed and settled, the candidate erased.
        post("kassier", "/api/v1/regions/{region}/budgets/{year}/closing", budget)
                .ok(200);
        post("szw", "/api/v1/regions/{region}/budgets/{year}/settlement", budget)
                .ok(200);
        post("kassier", "/api/v1/budgets/{year}/closing", Map.of("year", "2022"))
                .ok(200);
        post("szw", "/api/v1/candidates/{ref}/erasure", Map.of("ref", "pseudonym-123"))
                .ok(200);

        // Every read, with the documented examples of its parameters.
        Iterator<Map.Entry<String, JsonNode>> paths =
                document.path("paths").properties().iterator();
        int read = 0;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode get = entry.getValue().path("get");
            if (get.isMissingNode()) {
                continue;
            }
            String path = entry.getKey();
            Map<String, String> pathValues = new LinkedHashMap<>();
            List<String> query = new ArrayList<>();
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.get("name").asText();
                String in = parameter.get("in").asText();
                if (in.equals("path")) {
                    pathValues.put(name, pathValue(path, name, parameter));
                } else if (in.equals("query") && parameter.path("required").asBoolean()) {
                    assertThat(parameter.has("example"))
                            .as("an example of " + name + " on GET " + path)
                            .isTrue();
                    query.add(name + "=" + parameter.get("example").asText());
                }
            }
            String url = fill(path, pathValues) + (query.isEmpty() ? "" : "?" + String.join("&", query));
            Response answer = send(reader(path), "GET", path, url, null);
            assertThat(answer.status()).as("GET " + url + ": " + answer.body()).isIn(200, 404);
            read++;
        }
        assertThat(read).isGreaterThan(20);
    }

    /** A path parameter: the documented example, or the id this ledger gave. */
    private String pathValue(String path, String name, JsonNode parameter) {
        if (name.equals("id")) {
            if (path.startsWith("/api/v1/reservations")) {
                return ids.get("approved");
            }
            if (path.startsWith("/api/v1/amendments")) {
                return "voorbeeld-verdeling-2022";
            }
            return "no-such-statement"; // no statement imported here: the documented 404
        }
        assertThat(parameter.has("example"))
                .as("an example of " + name + " on GET " + path)
                .isTrue();
        return parameter.get("example").asText();
    }

    /** Who may read the path: the auditor reads everything of the audit, the statements and the rest. */
    private static String reader(String path) {
        if (path.startsWith("/api/v1/payments") || path.startsWith("/api/v1/reconciliations")) {
            return "kassier";
        }
        if (path.startsWith("/api/v1/monitor")) {
            return "szw";
        }
        return "auditor";
    }

    @Test
    void eachRequiredFieldLeftOutIsRefusedNamingIt() throws IOException {
        EventStore events = new EventStore(jdbc);
        JsonNode schemasNode = document.path("components").path("schemas");
        Map<String, String> bodies = Map.of(
                "Reserve", "/api/v1/regions/{region}/reservations",
                "AmendmentRequest", "/api/v1/amendments",
                "ErasureBody", "/api/v1/candidates/{ref}/erasure",
                "Commit", "/api/v1/reservations/{id}/commit",
                "Pay", "/api/v1/reservations/{id}/payments");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            JsonNode required = schemasNode.path(body.getKey()).path("required");
            assertThat(required.isArray())
                    .as(body.getKey() + " names its required fields")
                    .isTrue();
            for (JsonNode field : required) {
                ObjectNode without = (ObjectNode) example("POST", body.getValue());
                without.remove(field.asText());
                String user = body.getKey().equals("Pay")
                        ? "kassier"
                        : body.getValue().contains("reservations") ? "coord-rijnmond" : "szw";
                Map<String, String> path = Map.of(
                        "region", "rijnmond",
                        "ref", "pseudonym-9",
                        "id", "rijnmond_2022_00000000-0000-4000-8000-000000000009");
                long before = events.count();
                Response refused = post(user, body.getValue(), path, without).ok(400);
                assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
                List<String> named = new ArrayList<>();
                refused.json()
                        .get("errors")
                        .forEach(error -> named.add(error.get("field").asText()));
                assertThat(named).as(body.getKey() + " without " + field).contains(field.asText());
                assertThat(events.count()).isEqualTo(before);
            }
        }
    }
}
