package nl.kassier.ledger.api.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.kassier.ledger.api.problem.Problems;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The API document as its readers need it, beyond what springdoc infers from the controllers: the status codes the
 * operations really answer (201 where something is created), the ledger's problem responses on every operation with
 * the codes each status carries, both ways to authenticate, a summary on every operation, and the media types of the
 * bodies that are not JSON (the camt.053 import, the export, CSV and PDF renditions).
 */
@Component
class OpenApiDocument implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Operations that create what they answer with: 201 (and for an import seen before, 200 with the first report). */
    private static final Set<String> CREATED = Set.of(
            "POST /api/v1/regions/{region}/reservations",
            "POST /api/v1/reservations/{id}/payments",
            "POST /api/v1/amendments",
            "POST /api/v1/reconciliations");

    @Override
    public void customise(OpenAPI document) {
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        document.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        if (components.getSchemas() != null) {
            // The export's streamed body, which the document gives as application/jsonl text instead.
            components.getSchemas().remove("StreamingResponseBody");
        }
        components.addSecuritySchemes(
                "basic",
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("the default profile: a users file (docs/operations.md)"));
        components.addSecuritySchemes(
                "bearer",
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("the production profile: a JWT of the configured issuer, with a role claim"));
        document.setSecurity(
                List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> complete(path, method, operation)));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        String key = method + " " + path;
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        ApiResponse ok = responses.get("200");
        if (CREATED.contains(key) && ok != null) {
            responses.remove("200");
            responses.addApiResponse("201", ok.description("Created"));
            if (path.equals("/api/v1/reconciliations")) {
                responses.addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The same statement imported before: the first report, nothing recorded")
                                .content(ok.getContent()));
            }
        }
        if (path.endsWith(".csv")) {
            onlyContent(responses, "text/csv", new StringSchema());
        } else if (path.endsWith(".pdf")) {
            onlyContent(responses, "application/pdf", new BinarySchema());
        } else if (path.equals("/api/v1/audit/export")) {
            onlyContent(
                    responses,
                    "application/jsonl",
                    new StringSchema()
                            .description(
                                    "JSON Lines: the signing key, every event with its hash, the checkpoints, a closing"
                                            + " line with the count and the chain head"));
        }
        if (path.equals("/api/v1/reconciliations") && operation.getRequestBody() != null) {
            operation
                    .getRequestBody()
                    .content(new Content()
                            .addMediaType(
                                    "application/xml",
                                    new MediaType()
                                            .schema(new StringSchema()
                                                    .description("an ISO 20022 camt.053 bank statement, version"
                                                            + " 001.02 or later"))));
        }
        for (int status : problems(path, method)) {
            responses.addApiResponse(String.valueOf(status), problem(status));
        }
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(summary(operation.getOperationId(), key));
        }
    }

    private static void onlyContent(ApiResponses responses, String type, Schema<?> schema) {
        ApiResponse ok = responses.get("200");
        if (ok != null) {
            ok.setContent(new Content().addMediaType(type, new MediaType().schema(schema)));
        }
    }

    /** The problems an operation can answer: what every request can meet, and what its kind of step can. */
    private static List<Integer> problems(String path, PathItem.HttpMethod method) {
        List<Integer> statuses = new ArrayList<>(List.of(400, 401, 403));
        if (path.contains("{")) {
            statuses.add(404);
        }
        if (method == PathItem.HttpMethod.POST) {
            statuses.addAll(List.of(409, 413, 415, 422));
        }
        statuses.addAll(List.of(406, 429, 503));
        return statuses;
    }

    private static ApiResponse problem(int status) {
        List<String> codes = Arrays.stream(LedgerErrorCode.values())
                .filter(code -> Problems.status(code).value() == status)
                .map(Enum::name)
                .toList();
        return new ApiResponse()
                .description("A problem: " + String.join(", ", codes))
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new TreeMap<>();
        properties.put("type", new StringSchema().format("uri").example("urn:kassier:problem:cap-exceeded"));
        properties.put("title", new StringSchema().example("Conflict"));
        properties.put(
                "status",
                new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400)).example(409));
        properties.put("detail", new StringSchema().example("only 120.00 is available under the cap"));
        StringSchema code = new StringSchema();
        Arrays.stream(LedgerErrorCode.values()).forEach(c -> code.addEnumItem(c.name()));
        properties.put("code", code.description("the machine code: stable, one of the ledger's list (ADR 0003)"));
        properties.put(
                "errors",
                new ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("amount"))
                                .addProperty("message", new StringSchema().example("must be positive"))
                                .required(List.of("field", "message")))
                        .description("for VALIDATION_FAILED: each field and what is wrong with it"));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setRequired(List.of("type", "title", "status", "detail", "code"));
        schema.description("The ledger's problem (RFC 9457): application/problem+json, never a stack trace");
        return schema;
    }

    /** {@code closeEverywhere} → "Close everywhere": a summary where the controller gives none. */
    private static String summary(String operationId, String key) {
        if (operationId == null || operationId.isBlank()) {
            return key;
        }
        String base = operationId.replaceAll("_[0-9]+$", "");
        String words = base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
