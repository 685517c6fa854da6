package nl.kassier.ledger.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
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

    /**
     * The fields each request body must have, as its validation requires them (a body without one is refused with 400
     * naming it): {@code OpenApiExamplesTest} sends each documented example, and each example without each of these.
     */
    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("Reserve", List.of("year", "budget", "menuItem", "amount")),
            Map.entry("CandidateBody", List.of("ref")),
            Map.entry("Commit", List.of("amount")),
            Map.entry("Pay", List.of("paymentId", "amount")),
            Map.entry("Item", List.of("reservationId", "paymentId", "amount", "date")),
            Map.entry("ErasureBody", List.of("reason")),
            Map.entry("AmendmentRequest", List.of("id", "title", "effectiveFrom")),
            Map.entry("Cap", List.of("year", "budgets", "amount")),
            Map.entry("Allocation", List.of("region", "year", "budgets", "amount")),
            Map.entry("Menu", List.of("budget", "item")),
            Map.entry("Eligibility", List.of("covidReferenceDateRequired")));

    /** The fields an answer always carries, {@code null} where there is nothing to show. */
    private static final Map<String, List<String>> NULLABLE = Map.of(
            "Reservation", List.of("candidateRef"),
            "PaymentView", List.of("settlement"));

    /**
     * An example of each JSON request body, one that this ledger accepts in this order on a budget the first example
     * allocates (rijnmond 2022): {@code OpenApiExamplesTest} sends them and checks every answer against the document.
     */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("POST /api/v1/amendments", """
                    {"id":"voorbeeld-verdeling-2022","title":"Illustratieve verdeling 2022 (voorbeeld)",
                     "effectiveFrom":"2021-03-26","allocations":[{"region":"rijnmond","year":2022,
                     "budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"100000.00"}]}"""),
            Map.entry("POST /api/v1/regions/{region}/reservations", """
                    {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"SCHOLING","amount":"1500.00",
                     "candidate":{"ref":"pseudonym-123","targetGroup":"WW","jobLossDate":"2021-01-15",
                     "jobAgreement":false},"date":"2022-03-01","description":"scholing tot heftruckchauffeur"}"""),
            Map.entry("POST /api/v1/reservations/{id}/approve", """
                    {"date":"2022-03-02"}"""),
            Map.entry("POST /api/v1/reservations/{id}/reject", """
                    {"reason":"past niet in het regionale plan","date":"2022-03-02"}"""),
            Map.entry("POST /api/v1/reservations/{id}/commit", """
                    {"amount":"1400.00","reference":"OPDR-2022-017","date":"2022-03-10"}"""),
            Map.entry("POST /api/v1/reservations/{id}/payments", """
                    {"paymentId":"PAY-2022-0001","amount":"1000.00","date":"2022-04-01","invoiceRef":"F-2022-118"}"""),
            Map.entry("POST /api/v1/reservations/{id}/release", """
                    {"reason":"traject afgerond","date":"2022-06-30"}"""),
            Map.entry("POST /api/v1/payments", """
                    [{"reservationId":"rijnmond-2022-00000000-0000-0000-0000-000000000001",
                      "paymentId":"PAY-2022-0002","amount":"200.00","date":"2022-05-02","invoiceRef":"F-2022-131"}]"""),
            Map.entry("POST /api/v1/regions/{region}/budgets/{year}/closing", """
                    {"date":"2025-03-31","reason":"jaarafsluiting 2022"}"""),
            Map.entry("POST /api/v1/regions/{region}/budgets/{year}/settlement", """
                    {"date":"2025-06-30","reason":"vaststelling 2022"}"""),
            Map.entry("POST /api/v1/budgets/{year}/closing", """
                    {"date":"2025-03-31","reason":"jaarafsluiting 2022"}"""),
            Map.entry("POST /api/v1/candidates/{ref}/erasure", """
                    {"reason":"verzoek van de kandidaat (AVG, artikel 17)"}"""));

    /** Query parameters an endpoint checks for itself (a request without one is refused with 400 naming it). */
    private static final Map<String, Set<String>> REQUIRED_PARAMETERS = Map.of(
            "GET /api/v1/monitor", Set.of("year", "period"),
            "GET /api/v1/monitor.csv", Set.of("year", "period"));

    /** Examples of the parameters the operations take, where one is needed to call them. */
    private static final Map<String, Object> PARAMETER_EXAMPLES = Map.of(
            "region", "rijnmond",
            "year", 2022,
            "period", 2,
            "from", "2022-01-01",
            "to", "2022-12-31",
            "ref", "pseudonym-123");

    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (components.getSchemas() != null) {
            REQUIRED.forEach((name, fields) -> {
                Schema<?> schema = components.getSchemas().get(name);
                if (schema == null) {
                    // A request record renamed: the document must not silently lose what it requires.
                    throw new IllegalStateException("no schema " + name + " for its required fields");
                }
                schema.setRequired(fields);
            });
            Schema<?> reserve = components.getSchemas().get("Reserve");
            if (reserve.getProperties() != null && reserve.getProperties().get("candidate") != null) {
                reserve.getProperties()
                        .get("candidate")
                        .setDescription("the candidate: required for every budget type but UITVOERINGSKOSTEN");
            }
            NULLABLE.forEach((name, fields) -> {
                Schema<?> schema = components.getSchemas().get(name);
                if (schema != null && schema.getProperties() != null) {
                    fields.forEach(field -> schema.getProperties().computeIfPresent(field, (f, p) -> orNull(p)));
                }
            });
        }
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> complete(path, method, operation)));
    }

    /** {@code property}, or {@code null} (JSON Schema 2020-12, as OpenAPI 3.1 has it). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema orNull(Schema property) {
        Schema nothing = new Schema<>().specVersion(SpecVersion.V31);
        nothing.setTypes(new LinkedHashSet<>(List.of("null")));
        if (property.get$ref() != null) {
            Schema either = new Schema<>().specVersion(SpecVersion.V31);
            either.setOneOf(List.of(new Schema<>().specVersion(SpecVersion.V31).$ref(property.get$ref()), nothing));
            return either;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    /** The example of an operation's JSON body, and of the parameters it needs. */
    private static void examples(String key, Operation operation) {
        String example = EXAMPLES.get(key);
        if (example != null
                && operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json != null) {
                try {
                    json.setExample(JSON.readValue(example, Object.class));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the example of " + key + " is not JSON", e);
                }
            }
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Object value = PARAMETER_EXAMPLES.get(parameter.getName());
                if (value != null && parameter.getExample() == null && !"header".equals(parameter.getIn())) {
                    parameter.setExample(value);
                }
                if (REQUIRED_PARAMETERS.getOrDefault(key, Set.of()).contains(parameter.getName())) {
                    parameter.setRequired(true);
                }
            }
        }
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
        examples(key, operation);
        if (key.equals("POST /api/v1/candidates/{ref}/erasure") && operation.getRequestBody() != null) {
            // Without a body the reason is missing: refused like a body without it.
            operation.getRequestBody().setRequired(true);
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
        properties.put(
                "instance",
                new StringSchema().format("uri-reference").example("/api/v1/regions/rijnmond/reservations"));
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
