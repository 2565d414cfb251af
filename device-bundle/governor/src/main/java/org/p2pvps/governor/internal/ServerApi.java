package org.p2pvps.governor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two calls a device makes to the server's REST API v1, over {@link HttpURLConnection}. */
final class ServerApi {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApi.class);

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

        /** The server's own trouble (starting, its database down): not this device's, and retried. */
        boolean serverTrouble() {
            return status >= 500;
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
     * What registration returns (the API's {@code Registration}). Without a host key fingerprint of the gateway,
     * the first key seen is pinned.
     */
    record Registration(String deviceToken, int tunnelPort, String subdomain, GatewayAddress gateway) {
    }

    private final URI apiBase;
    private final int timeoutMillis;
    /** The last gateway the server named that could not be read; heartbeats come from one thread. */
    private String unreadableGateway;
    private volatile HttpURLConnection inFlight;

    /** Said once while the server keeps naming it, not at every heartbeat. */
    private void unreadableGateway(String problem) {
        if (problem != null && !problem.equals(unreadableGateway)) {
            LOG.warn("The server's heartbeat answer names a gateway this governor cannot read ({}); keeping the one it "
                    + "has", problem);
        }
        unreadableGateway = problem;
    }

    ServerApi(URI apiBase, Duration timeout) {
        this.apiBase = apiBase;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    Registration register(String deviceId, String registrationToken, String publicKey, Hardware hardware)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrationToken", registrationToken);
        body.put("publicKey", publicKey);
        body.put("hardware", hardware.toJson());
        Map<String, Object> json = call("POST", "/devices/" + deviceId + "/registration", null, body);
        try {
            return new Registration(text(json, "deviceToken"), number(json, "tunnelPort"), text(json, "subdomain"),
                    GatewayAddress.fromJson(json.get("gateway")));
        } catch (RuntimeException e) {
            throw new IOException("the server's registration answer is not what this governor understands: "
                    + e.getMessage(), e);
        }
    }

    DesiredState heartbeat(String deviceId, String deviceToken, Report report) throws IOException, InterruptedException {
        Map<String, Object> json = call("PUT", "/devices/" + deviceId + "/heartbeat", deviceToken, report.toJson());
        try {
            return DesiredState.fromJson(json, this::unreadableGateway);
        } catch (RuntimeException e) {
            throw new IOException("the server's heartbeat answer is not what this governor understands: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Ends the call in progress, if any, from another thread (a stopping governor): {@link HttpURLConnection} does not
     * heed interrupts, so without this a call would hold the stop up for as long as its timeouts allow.
     */
    void abort() {
        HttpURLConnection connection = inFlight;
        if (connection != null) {
            connection.disconnect();
        }
    }

    /**
     * One request on {@link HttpURLConnection} (java.base): the governor makes a call every few seconds at most, and
     * {@code java.net.http.HttpClient} would keep ~160 more classes and a selector thread with its workers resident
     * for it. No proxy and no redirects, as the server's API has neither.
     */
    private Map<String, Object> call(String method, String path, String bearer, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(apiBase + path).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Accept", "application/json");
        if (bearer != null) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        byte[] request = Json.write(body).getBytes(StandardCharsets.UTF_8);
        // not in streaming mode: there the JDK drops a 401's body (the server's reason) for a retry exception
        connection.setDoOutput(true);
        inFlight = connection; // before the check: an abort after it finds the connection to cut
        if (Thread.currentThread().isInterrupted()) {
            inFlight = null;
            throw new InterruptedException(method + " " + path + " not sent: stopping");
        }
        try {
            connect(connection);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request);
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw new ApiException(status, method + " " + path + ": HTTP " + status + errorMessage(read(connection.getErrorStream())));
            }
            String answer = read(connection.getInputStream());
            stopIfInterrupted(method, path, null);
            try {
                return Json.parseObject(answer);
            } catch (IllegalArgumentException e) {
                throw new IOException(method + " " + path + ": the answer is not JSON (" + e.getMessage() + ")", e);
            }
        } catch (IOException | RuntimeException e) {
            // an abort from another thread can surface as either (the JDK throws a NullPointerException when the
            // connection is cut while it reads the status line)
            stopIfInterrupted(method, path, e);
            throw e;
        } finally {
            inFlight = null;
        }
    }

    /**
     * {@code HttpURLConnection} does not end a call when its thread is interrupted (the timeouts bound it); the
     * interrupt still wins once the call returns, as with an interruptible client: a stopping governor acts on no answer.
     */
    private static void stopIfInterrupted(String method, String path, Exception failure) throws InterruptedException {
        if (Thread.interrupted()) {
            InterruptedException stopped = new InterruptedException(method + " " + path + " cut short: stopping");
            stopped.initCause(failure);
            throw stopped;
        }
    }

    /** Connects, saying plainly when the server cannot be reached (the JDK's own messages are terse or absent). */
    private void connect(HttpURLConnection connection) throws IOException {
        try {
            connection.connect();
        } catch (UnknownHostException e) {
            throw unreachable("unknown host " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw unreachable("no connection within " + timeoutMillis / 1000 + " s", e);
        }
    }

    private static ConnectException unreachable(String message, IOException cause) {
        ConnectException e = new ConnectException(message);
        e.initCause(cause);
        return e;
    }

    /** The whole body; a response without one (the JDK gives {@code null}) reads as empty. */
    private static String read(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
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
