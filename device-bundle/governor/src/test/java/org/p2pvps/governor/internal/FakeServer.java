package org.p2pvps.governor.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TEST DOUBLE of our own server's device API (bundles/registry, openapi.json): registration and
 * heartbeat with the same paths, statuses and JSON fields, and nothing else. The end-to-end run against
 * the real Karaf server lives with the integration tests.
 */
final class FakeServer implements AutoCloseable {

    private static final Pattern SERVER_TIME = Pattern.compile("\"serverTime\":\"[^\"]*\"");
    private static final Pattern PATH = Pattern.compile("/api/v1/devices/([^/]+)/(registration|heartbeat)");

    final String deviceId;
    final String registrationToken = "reg-token-1";
    final String deviceToken = "device-token-1";
    final int tunnelPort;
    /** Where the gateway is, as registration and every heartbeat answer say (a test may move it). */
    volatile String gatewayHost;
    volatile int gatewayPort;
    final AtomicInteger registrations = new AtomicInteger();
    final List<Map<String, Object>> registrationBodies = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> heartbeats = new CopyOnWriteArrayList<>();
    volatile String desired = available();
    /** The gateway's host key fingerprint to announce, {@code null} for none (as while no gateway runs). */
    volatile String gatewayFingerprint;
    /** Whether the owner deleted the device: the server then knows no such device (404), as the registry does. */
    volatile boolean deleted;
    private final HttpServer http;

    FakeServer(String deviceId, int tunnelPort, String gatewayHost, int gatewayPort) throws IOException {
        this.deviceId = deviceId;
        this.tunnelPort = tunnelPort;
        this.gatewayHost = gatewayHost;
        this.gatewayPort = gatewayPort;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/devices/", this::handle);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    static String available() {
        return "{\"state\":\"AVAILABLE\",\"heartbeatIntervalSeconds\":1,\"serverTime\":\"" + Instant.now() + "\"}";
    }

    static String rented(String rentalId, String login, String passwordHash, Instant expiresAt) {
        return rented(rentalId, login, passwordHash, expiresAt, 1);
    }

    static String rented(String rentalId, String login, String passwordHash, Instant expiresAt, int heartbeatSeconds) {
        return "{\"state\":\"RENTED\",\"heartbeatIntervalSeconds\":" + heartbeatSeconds + ",\"serverTime\":\"" + Instant.now()
                + "\",\"rentalId\":\"" + rentalId + "\",\"login\":\"" + login + "\",\"passwordHash\":\""
                + passwordHash + "\",\"authorizedKeys\":[],\"expiresAt\":\"" + expiresAt + "\"}";
    }

    Map<String, Object> lastHeartbeat() {
        return heartbeats.isEmpty() ? Map.of() : heartbeats.get(heartbeats.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!m.matches()) {
                send(ex, 404, "{\"error\":\"not_found\",\"message\":\"No such resource.\"}");
                return;
            }
            if (!m.group(1).equals(deviceId) || deleted) {
                send(ex, 404, "{\"error\":\"not_found\",\"message\":\"No such device.\"}");
                return;
            }
            Map<String, Object> body = Json.parseObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (m.group(2).equals("registration") && ex.getRequestMethod().equals("POST")) {
                if (!registrationToken.equals(body.get("registrationToken")) || registrations.get() > 0) {
                    send(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"The registration token is not valid.\"}");
                    return;
                }
                registrations.incrementAndGet();
                registrationBodies.add(body);
                send(ex, 200, "{\"deviceToken\":\"" + deviceToken + "\",\"tunnelPort\":" + tunnelPort
                        + ",\"subdomain\":\"sub-" + deviceId + "\"," + gatewayJson() + "}");
            } else if (m.group(2).equals("heartbeat") && ex.getRequestMethod().equals("PUT")) {
                if (!("Bearer " + deviceToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"Wrong device token.\"}");
                    return;
                }
                heartbeats.add(body);
                // the server's clock now, as the registry answers, not when the test set the desired state
                String answer = SERVER_TIME.matcher(desired).replaceFirst("\"serverTime\":\"" + Instant.now() + "\"");
                send(ex, 200, answer.substring(0, answer.lastIndexOf('}')) + "," + gatewayJson() + "}");
            } else {
                send(ex, 405, "{\"error\":\"method_not_allowed\",\"message\":\"Method not allowed.\"}");
            }
        }
    }

    private String gatewayJson() {
        return "\"gateway\":{\"host\":\"" + gatewayHost + "\",\"port\":" + gatewayPort
                + (gatewayFingerprint == null ? "" : ",\"hostKeyFingerprint\":\"" + gatewayFingerprint + "\"") + "}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
