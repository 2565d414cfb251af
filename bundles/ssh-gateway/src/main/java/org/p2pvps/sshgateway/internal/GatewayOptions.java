package org.p2pvps.sshgateway.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/** The gateway's configuration, validated once so that bad values fail activation with a clear message. */
record GatewayOptions(
        String listenAddress,
        int listenPort,
        String renterBindAddress,
        Path hostKeyFile,
        int maxSessionsPerDevice,
        int maxChannelsPerSession,
        int maxUnauthenticated,
        int maxAuthAttempts,
        Duration authTimeout,
        Duration idleTimeout,
        Duration keepAlive,
        int keepAliveMaxMissed,
        int nioWorkers,
        int channelWindowBytes,
        int channelPacketBytes) {

    /**
     * @param dataDir where the host key goes when {@code host.key.file} is empty (Karaf's data folder)
     */
    static GatewayOptions from(GatewayConfig config, Path dataDir) {
        require(config.listen_port() >= 0 && config.listen_port() <= 65535, "listen.port must be 0-65535");
        require(config.max_sessions_per_device() >= 1, "max.sessions.per.device must be at least 1");
        require(config.max_channels_per_session() >= 1, "max.channels.per.session must be at least 1");
        require(config.max_unauthenticated() >= 1, "max.unauthenticated must be at least 1");
        require(config.max_auth_attempts() >= 1, "max.auth.attempts must be at least 1");
        require(config.auth_timeout_seconds() >= 1, "auth.timeout.seconds must be at least 1");
        require(config.idle_timeout_seconds() >= 0, "idle.timeout.seconds must be 0 (off) or more");
        require(config.keep_alive_seconds() >= 0, "keep.alive.seconds must be 0 (off) or more");
        require(config.keep_alive_max_missed() >= 1, "keep.alive.max.missed must be at least 1");
        require(config.idle_timeout_seconds() == 0 || config.keep_alive_seconds() == 0
                        || config.idle_timeout_seconds() > config.keep_alive_seconds(),
                "idle.timeout.seconds must be longer than keep.alive.seconds, or live devices count as idle");
        require(config.nio_workers() >= 0, "nio.workers must be 0 (CPUs + 1) or more");
        require(config.channel_window_bytes() >= 32768, "channel.window.bytes must be at least 32768");
        require(config.channel_packet_bytes() >= 4096 && config.channel_packet_bytes() <= 262144,
                "channel.packet.bytes must be 4096-262144");
        String hostKey = config.host_key_file().trim();
        return new GatewayOptions(
                address("listen.address", config.listen_address()),
                config.listen_port(),
                address("renter.bind.address", config.renter_bind_address()),
                hostKey.isEmpty() ? dataDir.resolve("ssh-gateway").resolve("host_key") : Path.of(hostKey),
                config.max_sessions_per_device(),
                config.max_channels_per_session(),
                config.max_unauthenticated(),
                config.max_auth_attempts(),
                Duration.ofSeconds(config.auth_timeout_seconds()),
                Duration.ofSeconds(config.idle_timeout_seconds()),
                Duration.ofSeconds(config.keep_alive_seconds()),
                config.keep_alive_max_missed(),
                config.nio_workers(),
                config.channel_window_bytes(),
                config.channel_packet_bytes());
    }

    // Literal IP addresses only: a host name would be resolved once, at bind time, and could mean anything.
    private static String address(String name, String value) {
        String trimmed = value == null ? "" : value.trim();
        require(trimmed.matches("\\d{1,3}(\\.\\d{1,3}){3}") || trimmed.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"),
                name + " must be a literal IP address such as 0.0.0.0 or 127.0.0.1, not '" + value + "'");
        try {
            return InetAddress.getByName(trimmed).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(name + " is not an IP address: '" + value + "'", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
