package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.p2pvps.registry.internal.TestKeys;

import com.fasterxml.jackson.databind.JsonNode;

/** The steps of the owner and device journeys, each checked to succeed. */
final class Steps {

    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Http http;

    Steps(Http http) {
        this.http = http;
    }

    static String uniqueEmail() {
        return "owner" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
    }

    /** Signs a new owner up and logs in. @return the session token */
    String newOwner() {
        String email = uniqueEmail();
        Http.Reply created = http.post("owners", Map.of("email", email, "password", PASSWORD));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return logIn(email);
    }

    String logIn(String email) {
        Http.Reply session = http.post("sessions", Map.of("email", email, "password", PASSWORD));
        assertThat(session.status()).as("%s", session).isEqualTo(200);
        return session.json().get("token").asText();
    }

    static Map<String, Object> draft(String name) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("description", "a test box");
        draft.put("currency", "USD");
        draft.put("pricing", Map.of("HOUR", 100, "DAY", 2000));
        return draft;
    }

    /** @return the created device, with its one-time {@code registrationToken} */
    JsonNode createDevice(String ownerToken, Map<String, Object> draft) {
        Http.Reply created = http.post("devices", ownerToken, draft);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    JsonNode createDevice(String ownerToken, String name) {
        return createDevice(ownerToken, draft(name));
    }

    static Map<String, Object> hardware(int cores, long memoryMb, long diskMb, String arch) {
        return Map.of("cpuModel", "Test CPU", "cores", cores, "memoryMb", memoryMb, "diskMb", diskMb, "arch", arch);
    }

    static Map<String, Object> registration(String registrationToken, String publicKey, Map<String, Object> hardware) {
        return Map.of("registrationToken", registrationToken, "publicKey", publicKey, "hardware", hardware);
    }

    Http.Reply tryRegister(String deviceId, String registrationToken, String publicKey) {
        return http.post("devices/" + deviceId + "/registration",
                registration(registrationToken, publicKey, hardware(4, 8192, 100_000, "amd64")));
    }

    /** @return the registration answer: deviceToken, tunnelPort, subdomain, gateway */
    JsonNode register(String deviceId, String registrationToken, Map<String, Object> hardware) {
        Http.Reply registered = http.post("devices/" + deviceId + "/registration",
                registration(registrationToken, TestKeys.ed25519(), hardware));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        return registered.json();
    }

    /** Creates a device for the owner and registers it. @return the device id */
    String registeredDevice(String ownerToken, Map<String, Object> draft, Map<String, Object> hardware) {
        JsonNode device = createDevice(ownerToken, draft);
        String id = device.get("id").asText();
        register(id, device.get("registrationToken").asText(), hardware);
        return id;
    }
}
