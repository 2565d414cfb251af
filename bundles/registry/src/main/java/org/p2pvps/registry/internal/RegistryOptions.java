package org.p2pvps.registry.internal;

import java.time.Duration;
import java.time.Instant;

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
        require(config.session_ttl_hours() >= 1, "session.ttl.hours must be at least 1");
        require(config.heartbeat_interval_seconds() >= 1, "heartbeat.interval.seconds must be at least 1");
        require(config.online_window_seconds() > config.heartbeat_interval_seconds(),
                "online.window.seconds must be longer than heartbeat.interval.seconds");
        require(!config.gateway_host().isBlank(), "gateway.host must not be empty");
        require(config.gateway_port() >= 1 && config.gateway_port() <= 65535, "gateway.port must be 1-65535");
        require(config.password_hash_cost() >= 4 && config.password_hash_cost() <= 31,
                "password.hash.cost must be 4-31");
        require(config.request_body_max_bytes() >= 1024, "request.body.max.bytes must be at least 1024");
        return new RegistryOptions(
                Duration.ofHours(config.session_ttl_hours()),
                PortRange.of(config.tunnel_port_min(), config.tunnel_port_max()),
                Duration.ofSeconds(config.heartbeat_interval_seconds()),
                Duration.ofSeconds(config.online_window_seconds()),
                config.gateway_host().trim(),
                config.gateway_port(),
                config.password_hash_cost(),
                config.request_body_max_bytes());
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
