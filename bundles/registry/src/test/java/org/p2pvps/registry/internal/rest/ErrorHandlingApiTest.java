package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2pvps.registry.internal.rest.ErrorReplies.assertError;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pvps.registry.internal.TestKeys;
import org.p2pvps.registry.internal.TestOptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bad input of every kind gets a 4xx JSON {@code {"error","message"}}, never a stack trace, and
 * never leaves anything half-written behind.
 */
class ErrorHandlingApiTest extends ApiTestSupport {

    private String owner;
    private String deviceId;
    private String registrationToken;

    @BeforeEach
    void ownerWithADevice() {
        owner = steps.newOwner();
        JsonNode device = steps.createDevice(owner, "target");
        deviceId = device.get("id").asText();
        registrationToken = device.get("registrationToken").asText();
    }

    private Http.Reply register(String json) {
        return http.post("devices/" + deviceId + "/registration", json);
    }

    private String registrationWithCores(String cores) {
        return "{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\"" + TestKeys.ed25519()
                + "\",\"hardware\":{\"cpuModel\":\"c\",\"cores\":" + cores
                + ",\"memoryMb\":1024,\"diskMb\":1,\"arch\":\"amd64\"}}";
    }

    private void assertOnlyTheOneDevice() {
        JsonNode devices = http.get("devices", owner).json();
        assertThat(devices.get("total").asInt()).isEqualTo(1);
        assertThat(devices.get("items").get(0).get("id").asText()).isEqualTo(deviceId);
        assertThat(devices.get("items").get(0).get("registered").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":", "{email: 'a'}", "not json", "{\"email\":\"a@b.org\",}", "{\"a\":1}}"})
    void malformedJsonIs400(String body) {
        Http.Reply reply = http.post("owners", body);

        assertError(reply, 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "true"})
    void jsonThatIsNotAnObjectIs400(String body) {
        assertError(http.post("owners", body), 400, "invalid_request");
        assertError(http.post("devices", owner, body), 400, "invalid_request");
        assertOnlyTheOneDevice();
    }

    @Test
    void anEmptyBodyIs400() {
        assertError(http.post("owners", ""), 400, "invalid_request");
        assertError(http.post("devices", owner, ""), 400, "invalid_request");
        assertError(http.patch("devices/" + deviceId, owner, "null"), 400, "invalid_request");
        assertError(register(""), 400, "invalid_request");
        assertOnlyTheOneDevice();
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        Http.Reply name = http.post("devices", owner, "{\"name\":{\"a\":1},\"currency\":\"USD\",\"pricing\":{\"HOUR\":1}}");
        Http.Reply pricing = http.post("devices", owner, "{\"name\":\"n\",\"currency\":\"USD\",\"pricing\":\"cheap\"}");
        Http.Reply price = http.post("devices", owner, "{\"name\":\"n\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":\"ten\"}}");
        Http.Reply fraction = http.post("devices", owner, "{\"name\":\"n\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":1.5}}");
        Http.Reply hardware = register("{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\""
                + TestKeys.ed25519() + "\",\"hardware\":[]}");

        assertError(name, 400, "invalid_request");
        assertThat(name.json().get("message").asText()).contains("'name'").contains("string");
        assertError(pricing, 400, "invalid_request");
        assertThat(pricing.json().get("message").asText()).contains("'pricing'").contains("object");
        assertError(price, 400, "invalid_request");
        assertThat(price.json().get("message").asText()).contains("'pricing.HOUR'").contains("number");
        assertError(fraction, 400, "invalid_request");
        assertError(hardware, 400, "invalid_request");
        assertThat(hardware.json().get("message").asText()).contains("'hardware'");
        assertOnlyTheOneDevice();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"many\"", "\"4\"", "2.5", "null", "true", "{}", "99999999999"})
    void aNonIntegerCoreCountIs400AndConsumesNoToken(String cores) {
        Http.Reply reply = register(registrationWithCores(cores));

        assertError(reply, 400, "invalid_request");
        assertThat(reply.json().get("message").asText()).contains("hardware.cores");
        assertOnlyTheOneDevice();
        assertThat(register(registrationWithCores("2")).status()).isEqualTo(200);
    }

    @Test
    void aNumberInAStringIsNotTakenForAPrice() {
        Http.Reply reply = http.post("devices", owner, "{\"name\":\"n\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":\"10\"}}");

        assertError(reply, 400, "invalid_request");
        assertOnlyTheOneDevice();
    }

    @Test
    void missingFieldsAre400NamingTheField() {
        Map<String, Http.Reply> replies = Map.of(
                "name", http.post("devices", owner, "{\"currency\":\"USD\",\"pricing\":{\"HOUR\":1}}"),
                "currency", http.post("devices", owner, "{\"name\":\"n\",\"pricing\":{\"HOUR\":1}}"),
                "pricing", http.post("devices", owner, "{\"name\":\"n\",\"currency\":\"USD\"}"),
                "registrationToken", register("{\"publicKey\":\"" + TestKeys.ed25519()
                        + "\",\"hardware\":{\"cores\":1,\"memoryMb\":1,\"diskMb\":1,\"arch\":\"amd64\"}}"),
                "publicKey", register("{\"registrationToken\":\"" + registrationToken
                        + "\",\"hardware\":{\"cores\":1,\"memoryMb\":1,\"diskMb\":1,\"arch\":\"amd64\"}}"),
                "hardware", register("{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\""
                        + TestKeys.ed25519() + "\"}"),
                "hardware.arch", register("{\"registrationToken\":\"" + registrationToken + "\",\"publicKey\":\""
                        + TestKeys.ed25519() + "\",\"hardware\":{\"cores\":1,\"memoryMb\":1,\"diskMb\":1}}"));

        replies.forEach((field, reply) -> {
            assertError(reply, 400, "invalid_request");
            assertThat(reply.json().get("message").asText()).as(field).contains(field);
        });
        assertOnlyTheOneDevice();
    }

    @Test
    void invalidValuesAre400AndCreateNothing() {
        for (Map<String, Object> draft : java.util.List.<Map<String, Object>>of(
                Map.of("name", " ", "currency", "USD", "pricing", Map.of("HOUR", 1)),
                Map.of("name", "x".repeat(65), "currency", "USD", "pricing", Map.of("HOUR", 1)),
                Map.of("name", "n", "currency", "US", "pricing", Map.of("HOUR", 1)),
                Map.of("name", "n", "currency", "USD", "pricing", Map.of()),
                Map.of("name", "n", "currency", "USD", "pricing", Map.of("YEAR", 1)),
                Map.of("name", "n", "currency", "USD", "pricing", Map.of("HOUR", -1)),
                Map.of("name", "n", "currency", "USD", "pricing", Map.of("HOUR", 1), "description", "d".repeat(2001)))) {
            assertError(http.post("devices", owner, draft), 400, "invalid_request");
        }
        assertOnlyTheOneDevice();
    }

    @Test
    void aFailedSignUpStoresNoOwner() {
        long owners = server.accounts.count();

        assertError(http.post("owners", Map.of("email", Steps.uniqueEmail(), "password", "short")), 400,
                "invalid_request");
        assertError(http.post("owners", Map.of("email", Steps.uniqueEmail(), "password", "x".repeat(73))), 400,
                "invalid_request");
        assertError(http.post("owners", "{\"email\":\"" + Steps.uniqueEmail() + "\",\"password\":123}"), 400,
                "invalid_request");

        assertThat(server.accounts.count()).isEqualTo(owners);
    }

    @Test
    void unknownIdsAndPathsAre404() {
        assertError(http.get("devices/ffffffffffffffffffffffff", owner), 404, "not_found");
        assertError(http.patch("devices/nope", owner, Map.of("name", "n")), 404, "not_found");
        assertError(http.delete("devices/nope", owner), 404, "not_found");
        assertError(http.post("devices/nope/registration-token", owner, null), 404, "not_found");
        assertError(http.post("devices/nope/registration", Steps.registration("t", TestKeys.ed25519(),
                Steps.hardware(1, 1, 1, "amd64"))), 404, "not_found");
        assertError(http.get("nothing-here"), 404, "not_found");
        assertError(http.get("devices/" + deviceId + "/nothing", owner), 404, "not_found");
    }

    @Test
    void aVeryLongUnknownIdIsShortenedInTheMessage() {
        Http.Reply reply = http.get("devices/" + "a".repeat(500), owner);

        assertError(reply, 404, "not_found");
        assertThat(reply.json().get("message").asText()).hasSizeLessThan(200);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Http.Reply reply = http.delete("health", null);

        assertError(reply, 405, "method_not_allowed");
        assertThat(reply.header("Allow")).contains("GET");
        assertError(http.put("devices/" + deviceId + "/registration-token", owner, "{}"), 405, "method_not_allowed");
    }

    @Test
    void anOversizeBodyIs413WithContentLengthAndCreatesNothing() {
        String description = "d".repeat(TestOptions.BODY_LIMIT);
        Http.Reply reply = http.post("devices", owner,
                Map.of("name", "big", "currency", "USD", "pricing", Map.of("HOUR", 1), "description", description));

        assertError(reply, 413, "payload_too_large");
        assertThat(reply.json().get("message").asText()).contains(String.valueOf(TestOptions.BODY_LIMIT));
        assertOnlyTheOneDevice();
    }

    @Test
    void anOversizeChunkedBodyIs413AndCreatesNothing() {
        byte[] body = ("{\"name\":\"big\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":1},\"description\":\""
                + "d".repeat(TestOptions.BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        Http.Reply reply = http.send(http.request("devices", owner).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertError(reply, 413, "payload_too_large");
        assertOnlyTheOneDevice();
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        String padding = " ".repeat(TestOptions.BODY_LIMIT - 200);
        String body = "{\"name\":\"fits\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":1}" + padding + "}";

        assertThat(http.post("devices", owner, body).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
    void aWrongContentTypeIs415AndCreatesNothing(String contentType) {
        Http.Reply reply = http.send(http.request("devices", owner).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString("{\"name\":\"n\",\"currency\":\"USD\",\"pricing\":{\"HOUR\":1}}")));

        assertError(reply, 415, "unsupported_media_type");
        assertOnlyTheOneDevice();
    }

    @Test
    void aMissingContentTypeIs415() {
        Http.Reply reply = http.send(http.request("owners", null)
                .POST(BodyPublishers.ofString("{\"email\":\"x@example.org\",\"password\":\"0123456789\"}")));

        assertError(reply, 415, "unsupported_media_type");
    }

    @Test
    void askingForAnythingButJsonIs406() {
        Http.Reply reply = http.send(HttpRequest.newBuilder(http.uri("health")).header("Accept", "text/html"));

        assertError(reply, 406, "not_acceptable");
    }

    @Test
    void unauthorizedAnswersCarryWwwAuthenticate() {
        Http.Reply reply = http.get("devices", "nonsense");

        assertError(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"p2pvps\"");
    }
}
