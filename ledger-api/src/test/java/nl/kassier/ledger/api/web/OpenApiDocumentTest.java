package nl.kassier.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API document other systems generate their clients from, parsed by swagger-parser as such a generator reads it:
 * valid, with the real status codes, the ledger's problem responses on every operation, both ways to authenticate,
 * and nothing of the framework's own. Saved as {@code target/openapi.json} for the linter ({@code .ci/run}).
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    OpenAPI document;

    @BeforeAll
    void read() throws IOException {
        Response served = new Api(port).get(null, "/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), served.body(), StandardCharsets.UTF_8);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        assertThat(parsed.getMessages()).as("what the parser found wrong").isEmpty();
        document = parsed.getOpenAPI();
    }

    private List<String> operations(java.util.function.BiPredicate<String, Operation> wrong) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    path.getValue().readOperationsMap().entrySet()) {
                if (wrong.test(path.getKey(), op.getValue())) {
                    found.add(op.getKey() + " " + path.getKey());
                }
            }
        }
        return found;
    }

    @Test
    void everyOperationDocumentsItsProblemsWithTheLedgersProblemSchema() {
        assertThat(document.getComponents().getSchemas()).containsKey("Problem");
        assertThat(operations(
                        (path, op) -> op.getResponses().keySet().stream().noneMatch(code -> code.startsWith("4"))))
                .as("operations without a 4xx response")
                .isEmpty();
        assertThat(operations((path, op) -> op.getResponses().entrySet().stream()
                        .filter(r -> r.getKey().startsWith("4") || r.getKey().startsWith("5"))
                        .map(Map.Entry::getValue)
                        .anyMatch(r -> !isProblem(r))))
                .as("problem responses not in the ledger's problem schema")
                .isEmpty();
        assertThat(operations(
                        (path, op) -> op.getSummary() == null || op.getSummary().isBlank()))
                .as("operations without a summary")
                .isEmpty();
    }

    @Test
    void swaggerUiIsServedFromTheJarOnTheDocument() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build();
        java.net.URI docs = java.net.URI.create("http://localhost:" + port + "/api/v1/docs");
        java.net.http.HttpResponse<String> page = client.send(
                java.net.http.HttpRequest.newBuilder(docs).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("%s at %s", page.body(), page.uri()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("https://");
        java.net.URI bundle = page.uri().resolve("swagger-ui-bundle.js");
        assertThat(client.send(
                                java.net.http.HttpRequest.newBuilder(bundle)
                                        .GET()
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .as("the bundled script at %s", bundle)
                .isEqualTo(200);
        java.net.http.HttpResponse<String> initializer = client.send(
                java.net.http.HttpRequest.newBuilder(page.uri().resolve("swagger-initializer.js"))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(initializer.statusCode()).isEqualTo(200);
        java.util.regex.Matcher configUrl = java.util.regex.Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(initializer.body());
        assertThat(configUrl.find()).as(initializer.body()).isTrue();
        java.net.http.HttpResponse<String> config = client.send(
                java.net.http.HttpRequest.newBuilder(page.uri().resolve(configUrl.group(1)))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        assertThat(config.body()).contains("/api/v1/openapi.json");
    }

    private static boolean isProblem(ApiResponse response) {
        return response.getContent() != null
                && response.getContent().get("application/problem+json") != null
                && "#/components/schemas/Problem"
                        .equals(response.getContent()
                                .get("application/problem+json")
                                .getSchema()
                                .get$ref());
    }

    @Test
    void namesTheRealSuccessCodesAndNoFrameworkOperation() {
        assertThat(document.getPaths().keySet()).noneMatch(path -> path.startsWith("/error"));
        assertThat(document.getPaths()
                        .get("/api/v1/regions/{region}/reservations")
                        .getPost()
                        .getResponses())
                .containsKey("201")
                .doesNotContainKey("200");
        assertThat(document.getPaths()
                        .get("/api/v1/reservations/{id}/payments")
                        .getPost()
                        .getResponses())
                .containsKey("201");
        assertThat(document.getPaths().get("/api/v1/amendments").getPost().getResponses())
                .containsKey("201");
        assertThat(document.getPaths()
                        .get("/api/v1/reconciliations")
                        .getPost()
                        .getRequestBody()
                        .getContent())
                .containsOnlyKeys("application/xml");
        assertThat(document.getPaths()
                        .get("/api/v1/audit/export")
                        .getGet()
                        .getResponses()
                        .get("200")
                        .getContent())
                .containsOnlyKeys("application/jsonl");
        assertThat(document.getComponents().getSecuritySchemes()).containsKeys("basic", "bearer");
        assertThat(document.getComponents().getSchemas()).doesNotContainKey("StreamingResponseBody");
        assertThat(document.getSecurity()).isNotEmpty();
    }
}
