package org.p2pvps.governor.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The two calls a device makes to the server's REST API v1, over {@link HttpClient}. */
final class ServerApi {

    /** The server answered with an error: {@code status} and the API's {@code {"error","message"}}. */
    static final class ApiException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The server says no for good (wrong token, unknown device), not "try later". */
        boolean refused() {
            return status == 401 || status == 403 || status == 404 || status == 409;
        }
    }

    /** What the heartbeat reports (the API's {@code HeartbeatReport}). */
    record Report(String tunnel, String container, String appliedRentalId, long uptimeSeconds, String message) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tunnel", tunnel);
            json.put("container", container);
            if (appliedRentalId != null) {
                json.put("appliedRentalId", appliedRentalId);
            }
            json.put("uptimeSeconds", uptimeSeconds);
            if (message != null) {
                json.put("message", message.length() > 500 ? message.substring(0, 500) : message);
            }
            return json;
        }
    }

    /**
     * What registration returns (the API's {@code Registration}).
     *
     * @param gatewayHostKeyFingerprint the gateway's host key fingerprint ({@code SHA256:...}) when the server
     *        knows it ({@code gateway.hostKeyFingerprint}), else {@code null}: then the first key seen is pinned
     */
    record Registration(String deviceToken, int tunnelPort, String subdomain, String gatewayHost, int gatewayPort,
            String gatewayHostKeyFingerprint) {
    }

    private final URI apiBase;
    private final Duration timeout;
    private final HttpClient http;

    ServerApi(URI apiBase, Duration timeout) {
        this.apiBase = apiBase;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Registration register(String deviceId, String registrationToken, String publicKey, Hardware hardware)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrationToken", registrationToken);
        body.put("publicKey", publicKey);
        body.put("hardware", hardware.toJson());
        Map<String, Object> json = call("POST", "/devices/" + deviceId + "/registration", null, body);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> gateway = (Map<String, Object>) json.get("gateway");
            Object fingerprint = gateway.get("hostKeyFingerprint");
            return new Registration(text(json, "deviceToken"), number(json, "tunnelPort"), text(json, "subdomain"),
                    text(gateway, "host"), number(gateway, "port"),
                    fingerprint instanceof String f && !f.isBlank() ? f.trim() : null);
        } catch (RuntimeException e) {
            throw new IOException("the server's registration answer is not what this governor understands: "
                    + e.getMessage(), e);
        }
    }

    DesiredState heartbeat(String deviceId, String deviceToken, Report report) throws IOException, InterruptedException {
        Map<String, Object> json = call("PUT", "/devices/" + deviceId + "/heartbeat", deviceToken, report.toJson());
        try {
            return DesiredState.fromJson(json);
        } catch (RuntimeException e) {
            throw new IOException("the server's heartbeat answer is not what this governor understands: "
                    + e.getMessage(), e);
        }
    }

    private Map<String, Object> call(String method, String path, String bearer, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new ApiException(status, method + " " + path + ": HTTP " + status + errorMessage(response.body()));
        }
        try {
            return Json.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(method + " " + path + ": the answer is not JSON (" + e.getMessage() + ")", e);
        }
    }

    private static String errorMessage(String body) {
        try {
            Object message = Json.parseObject(body).get("message");
            return message instanceof String s ? ": " + s : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String text(Map<String, Object> json, String key) {
        if (json != null && json.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new IllegalArgumentException(key + " is missing");
    }

    private static int number(Map<String, Object> json, String key) {
        if (json != null && json.get(key) instanceof BigDecimal n) {
            return n.intValueExact();
        }
        throw new IllegalArgumentException(key + " is missing");
    }
}
