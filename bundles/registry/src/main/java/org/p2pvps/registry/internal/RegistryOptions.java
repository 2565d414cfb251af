package org.p2pvps.registry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/** The registry's configuration, validated once so that bad values fail activation with a clear message. */
public record RegistryOptions(
        Duration sessionTtl,
        PortRange tunnelPorts,
        Duration heartbeatInterval,
        Duration onlineWindow,
        String gatewayHost,
        int gatewayPort,
        int passwordHashCost,
        int requestBodyMaxBytes) {

    public static RegistryOptions from(RegistryConfig config) {
        int sessionTtlHours = whole("session.ttl.hours", config::session_ttl_hours);
        int tunnelPortMin = whole("tunnel.port.min", config::tunnel_port_min);
        int tunnelPortMax = whole("tunnel.port.max", config::tunnel_port_max);
        int heartbeatSeconds = whole("heartbeat.interval.seconds", config::heartbeat_interval_seconds);
        int onlineWindowSeconds = whole("online.window.seconds", config::online_window_seconds);
        int gatewayPort = whole("gateway.port", config::gateway_port);
        int passwordHashCost = whole("password.hash.cost", config::password_hash_cost);
        int requestBodyMaxBytes = whole("request.body.max.bytes", config::request_body_max_bytes);
        require(sessionTtlHours >= 1, "session.ttl.hours must be at least 1");
        require(heartbeatSeconds >= 1, "heartbeat.interval.seconds must be at least 1");
        require(onlineWindowSeconds > heartbeatSeconds,
                "online.window.seconds must be longer than heartbeat.interval.seconds");
        require(!config.gateway_host().isBlank(), "gateway.host must not be empty");
        require(gatewayPort >= 1 && gatewayPort <= 65535, "gateway.port must be 1-65535");
        require(passwordHashCost >= 4 && passwordHashCost <= 31, "password.hash.cost must be 4-31");
        require(requestBodyMaxBytes >= 1024, "request.body.max.bytes must be at least 1024");
        return new RegistryOptions(
                Duration.ofHours(sessionTtlHours),
                PortRange.of(tunnelPortMin, tunnelPortMax),
                Duration.ofSeconds(heartbeatSeconds),
                Duration.ofSeconds(onlineWindowSeconds),
                config.gateway_host().trim(),
                gatewayPort,
                passwordHashCost,
                requestBodyMaxBytes);
    }

    /**
     * Reads a whole-number setting. Config Admin hands a .cfg file's values over as text and DS converts
     * them when they are read, failing on "12h" with an exception that names no setting.
     */
    public static int whole(String name, IntSupplier value) {
        try {
            return value.getAsInt();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
    }

    /** A device counts as online while its last sign of life lies within the online window. */
    public boolean online(Instant lastSeen, Instant now) {
        return onlineGiven(false, lastSeen, onlineSince(now));
    }

    /** A device counts as online while its tunnel is up, or while its last sign of life lies within the window. */
    public boolean online(boolean tunnelConnected, Instant lastSeen, Instant now) {
        return onlineGiven(tunnelConnected, lastSeen, onlineSince(now));
    }

    /** @return the earliest last sign of life that still counts as online at {@code now} */
    public Instant onlineSince(Instant now) {
        return now.minus(onlineWindow);
    }

    /**
     * The online rule for callers that judge many devices at one instant: {@code onlineSince} comes from
     * {@link #onlineSince(Instant)} once, instead of once per device.
     */
    public static boolean onlineGiven(boolean tunnelConnected, Instant lastSeen, Instant onlineSince) {
        return tunnelConnected || lastSeen != null && !lastSeen.isBefore(onlineSince);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
