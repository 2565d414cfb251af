package org.p2pvps.governor.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@link GovernorConfig} checked and parsed: everything the governor needs, or an
 * {@link IllegalArgumentException} saying which setting is wrong.
 *
 * @param apiBase the server's API base, always ending in {@code /api/v1}
 * @param dataDir where the governor keeps its files
 */
record GovernorOptions(URI apiBase, String deviceId, String registrationToken, String driver, Path dataDir,
        Duration heartbeatInterval, Duration backoffInitial, Duration backoffMax, Duration httpTimeout,
        Duration keepAlive, String gatewayHost, int gatewayPort, String gatewayHostKey) {

    static final String API_PATH = "/api/v1";

    /**
     * @param dataDir the data directory ({@link GovernorPaths#dataDir})
     */
    static GovernorOptions parse(GovernorConfig config, Path dataDir) {
        String deviceId = required("device.id", config.device_id());
        if (!deviceId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("device.id '" + deviceId + "' is not a device id (letters, digits, - and _)");
        }
        String driver = required("container.driver", config.container_driver()).toLowerCase(Locale.ROOT);
        if (config.backoff_initial_millis() <= 0 || config.backoff_max_millis() < config.backoff_initial_millis()) {
            throw new IllegalArgumentException("backoff.initial.millis must be > 0 and at most backoff.max.millis");
        }
        int gatewayPort = config.gateway_port();
        if (gatewayPort < 0 || gatewayPort > 65535) {
            throw new IllegalArgumentException("gateway.port " + gatewayPort + " is not a port");
        }
        return new GovernorOptions(apiBase(required("server.url", config.server_url())), deviceId,
                trim(config.registration_token()), driver,
                dataDir,
                seconds("heartbeat.interval.seconds", config.heartbeat_interval_seconds(), 0),
                Duration.ofMillis(config.backoff_initial_millis()), Duration.ofMillis(config.backoff_max_millis()),
                seconds("http.timeout.seconds", config.http_timeout_seconds(), 1),
                seconds("tunnel.keepalive.seconds", config.tunnel_keepalive_seconds(), 1),
                trim(config.gateway_host()), gatewayPort, trim(config.gateway_host_key()));
    }

    /** {@code http(s)://host[:port][/prefix]} → the same with {@code /api/v1} appended once. */
    static URI apiBase(String serverUrl) {
        URI uri;
        try {
            uri = new URI(serverUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server.url '" + serverUrl + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("server.url '" + serverUrl + "' must be an http:// or https:// URL with a host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("server.url '" + serverUrl + "' must not have a query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (!path.endsWith(API_PATH)) {
            path = path + API_PATH;
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * Whether the server's answers cannot have been changed on the way: https, or a server on this machine. Only
     * then does the device follow a gateway address or host key the server names after registration; over plain
     * http to another host, whoever sits on the path could send the device's tunnel to a gateway of their own.
     */
    boolean serverAnswersTrusted() {
        String host = apiBase.getHost().toLowerCase(Locale.ROOT);
        return apiBase.getScheme().equals("https") || host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}")
                || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]");
    }

    /** Whether a registration made with these options still fits (same server, same device). */
    boolean sameDevice(DeviceState state) {
        return state != null && apiBase.toString().equals(state.server()) && deviceId.equals(state.deviceId());
    }

    private static Duration seconds(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static String required(String name, String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is not set: edit etc/" + GovernorConfig.PID + ".cfg");
        }
        return v;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
