package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.ws.rs.HttpMethod;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2pvps.device.Hardware;
import org.p2pvps.listing.Listing;
import org.p2pvps.listing.ListingPage;
import org.p2pvps.owner.Owner;
import org.p2pvps.registry.internal.DesiredState;
import org.p2pvps.registry.internal.DeviceDraft;
import org.p2pvps.registry.internal.HeartbeatReport;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.Registration;
import org.p2pvps.registry.internal.RegistrationRequest;
import org.p2pvps.registry.internal.rental.RentalRequest;
import org.p2pvps.registry.internal.rental.RenterAccess;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.PaymentRequest;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * The served OpenAPI document against the code: the same operations as the JAX-RS resources the API
 * publishes, the same JSON fields as the records the resources read and write, and internally sound.
 */
class OpenApiContractTest extends ApiTestSupport {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    /** Schemas and the records Jackson reads or writes for them. */
    private static final Map<String, Class<?>> SCHEMA_TYPES = Map.ofEntries(
            Map.entry("Error", ErrorJson.class),
            Map.entry("Health", HealthResource.Health.class),
            Map.entry("GatewayHealth", HealthResource.GatewayHealth.class),
            Map.entry("Credentials", OwnersResource.Credentials.class),
            Map.entry("Owner", Owner.class),
            Map.entry("Session", OwnerAccounts.Session.class),
            Map.entry("DeviceDraft", DeviceDraft.class),
            Map.entry("DevicePatch", DeviceDraft.class),
            Map.entry("Hardware", Hardware.class),
            Map.entry("Device", DeviceJson.class),
            Map.entry("HoldingRental", DeviceJson.HoldingRental.class),
            Map.entry("DeviceList", DevicesResource.DeviceList.class),
            Map.entry("RegistrationRequest", RegistrationRequest.class),
            Map.entry("Registration", Registration.class),
            Map.entry("Gateway", Registration.Gateway.class),
            Map.entry("HeartbeatReport", HeartbeatReport.class),
            Map.entry("DesiredState", DesiredState.class),
            Map.entry("Listing", Listing.class),
            Map.entry("ListingPage", ListingPage.class),
            Map.entry("RentalRequest", RentalRequest.class),
            Map.entry("RenewalRequest", RentalsResource.RenewalRequest.class),
            Map.entry("Rental", RentalJson.class),
            Map.entry("Money", Money.class),
            Map.entry("PaymentRequest", PaymentRequest.class),
            Map.entry("RenterAccess", RenterAccess.class));
    /** Schemas with no record behind them: an enum, an enum-keyed map, an ad-hoc map. */
    private static final Set<String> OTHER_SCHEMAS = Set.of("Period", "Pricing", "RegistrationToken");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*(:[^}]*)?}");

    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertThat(in).as("classpath resource openapi.json next to OpenApiResource").isNotNull();
            document = Http.JSON.readTree(in);
        }
    }

    /** @return "METHOD /path" for every resource method of the classes the running API publishes */
    private static Set<String> resourceOperations() {
        Set<String> operations = new TreeSet<>();
        List<Class<?>> classes = server.resourceClasses();
        assertThat(classes).contains(HealthResource.class, DevicesResource.class, OpenApiResource.class);
        for (Class<?> resource : classes) {
            javax.ws.rs.Path classPath = resource.getAnnotation(javax.ws.rs.Path.class);
            assertThat(classPath).as("@Path on %s", resource).isNotNull();
            for (Method method : resource.getMethods()) {
                javax.ws.rs.Path methodPath = method.getAnnotation(javax.ws.rs.Path.class);
                List<String> verbs = httpMethods(method);
                assertThat(methodPath == null || !verbs.isEmpty())
                        .as("%s is a sub-resource locator; this test does not follow those", method).isTrue();
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                verbs.forEach(verb -> operations.add(verb + " " + path));
            }
        }
        return operations;
    }

    /** JAX-RS knows an HTTP method by the {@link HttpMethod} on its annotation, so PATCH and custom ones count too. */
    private static List<String> httpMethods(Method method) {
        List<String> verbs = new ArrayList<>();
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                verbs.add(verb.value().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return verbs;
    }

    private static String join(String classPath, String methodPath) {
        String joined = "/" + trimSlashes(classPath) + (methodPath.isEmpty() ? "" : "/" + trimSlashes(methodPath));
        // {id: [0-9]+} is {id} in OpenAPI
        return TEMPLATE.matcher(joined).replaceAll("{$1}");
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (HTTP_METHODS.contains(key)) {
                operations.add(key.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static Iterable<Map.Entry<String, JsonNode>> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
        return operations.entrySet();
    }

    @Test
    void theDocumentDescribesExactlyTheOperationsTheResourcesServe() {
        Set<String> served = resourceOperations();
        Set<String> documented = documentedOperations();

        assertThat(served).as("operations of the resources").hasSizeGreaterThanOrEqualTo(12)
                .contains("GET /health", "POST /devices", "PATCH /devices/{id}", "PUT /devices/{id}/heartbeat",
                        "GET /openapi.json");
        assertThat(difference(served, documented)).as("served but not documented").isEmpty();
        assertThat(difference(documented, served)).as("documented but not served").isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void theDocumentIsOpenApi303ServedUnderApiV1() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(document.get("info").get("title").asText()).isNotBlank();
        assertThat(document.get("info").get("version").asText()).isNotBlank();
        assertThat(document.get("servers").findValuesAsText("url")).containsExactly("/api/v1");
        document.get("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/")
                .doesNotStartWith("/api/v1"));
    }

    @Test
    void schemasCarryTheJsonFieldsTheCodeReadsAndWrites() {
        ObjectMapper mapper = RestApi.objectMapper();
        Set<String> schemas = new TreeSet<>();
        document.get("components").get("schemas").fieldNames().forEachRemaining(schemas::add);

        assertThat(schemas).containsExactlyInAnyOrderElementsOf(
                new TreeSet<>(union(SCHEMA_TYPES.keySet(), OTHER_SCHEMAS)));
        SCHEMA_TYPES.forEach((schema, type) -> {
            Set<String> documented = new TreeSet<>();
            document.get("components").get("schemas").get(schema).get("properties").fieldNames()
                    .forEachRemaining(documented::add);
            assertThat(documented).as("properties of schema %s (%s)", schema, type.getName())
                    .isEqualTo(jsonFields(mapper, type));
        });
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> jsonFields(ObjectMapper mapper, Class<?> type) {
        BeanDescription written = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        return written.findProperties().stream().map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void pricingAndPeriodNameEveryPeriod() {
        Set<String> periods = new TreeSet<>();
        for (org.p2pvps.device.Period period : org.p2pvps.device.Period.values()) {
            periods.add(period.name());
        }
        JsonNode schemas = document.get("components").get("schemas");
        Set<String> pricing = new TreeSet<>();
        schemas.get("Pricing").get("properties").fieldNames().forEachRemaining(pricing::add);

        assertThat(pricing).isEqualTo(periods);
        List<String> enumValues = new ArrayList<>();
        schemas.get("Period").get("enum").forEach(value -> enumValues.add(value.asText()));
        assertThat(enumValues).containsExactlyInAnyOrderElementsOf(periods);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        });
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void everyPathTemplateParameterIsDeclared() {
        document.get("paths").fields().forEachRemaining(path -> {
            Set<String> inTemplate = new TreeSet<>();
            Matcher matcher = TEMPLATE.matcher(path.getKey());
            while (matcher.find()) {
                inTemplate.add(matcher.group(1));
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!HTTP_METHODS.contains(op.getKey())) {
                    return;
                }
                Set<String> declared = new TreeSet<>();
                for (JsonNode parameters : List.of(path.getValue().path("parameters"), op.getValue().path("parameters"))) {
                    parameters.forEach(p -> {
                        JsonNode parameter = p.has("$ref") ? document.at(p.get("$ref").asText().substring(1)) : p;
                        if ("path".equals(parameter.path("in").asText())) {
                            assertThat(parameter.path("required").asBoolean()).isTrue();
                            declared.add(parameter.get("name").asText());
                        }
                    });
                }
                assertThat(declared).as("path parameters of %s %s", op.getKey(), path.getKey()).isEqualTo(inTemplate);
            });
        });
    }

    @Test
    void everyOperationHasASuccessAndDescribesItsErrorsWithTheErrorSchema() {
        Set<String> schemes = new TreeSet<>();
        document.get("components").get("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        assertThat(schemes).isNotEmpty();
        document.get("components").get("securitySchemes").forEach(scheme -> {
            assertThat(scheme.get("type").asText()).isEqualTo("http");
            assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        });

        for (Map.Entry<String, JsonNode> operation : operations()) {
            JsonNode responses = operation.getValue().get("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as(operation.getKey()).anyMatch(code -> code.startsWith("2"));
            for (String code : codes) {
                if (code.startsWith("4") || code.startsWith("5") && !operation.getKey().equals("GET /health")) {
                    JsonNode response = responses.get(code);
                    JsonNode resolved = response.has("$ref") ? document.at(response.get("$ref").asText().substring(1))
                            : response;
                    assertThat(resolved.at("/content/application~1json/schema/$ref").asText())
                            .as("%s %s", operation.getKey(), code).isEqualTo("#/components/schemas/Error");
                }
            }
            operation.getValue().path("security").forEach(requirement -> requirement.fieldNames()
                    .forEachRemaining(name -> assertThat(schemes).as(operation.getKey()).contains(name)));
            boolean hasBody = operation.getValue().has("requestBody");
            if (hasBody) {
                assertThat(codes).as("%s refuses bad bodies", operation.getKey()).contains("400", "413", "415");
            }
        }
    }

    @Test
    void theServerServesTheDocumentAsJson() throws IOException {
        Http.Reply reply = http.get("openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json()).isEqualTo(document);
        assertThat(reply.json().get("paths").has("/devices/{id}/registration")).isTrue();
    }
}
