package org.p2pvps.sshgateway.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;

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
        int channelPacketBytes,
        long rekeyLimitBytes,
        boolean chacha20OpenSsl) {

    /**
     * @param dataDir where the host key goes when {@code host.key.file} is empty (Karaf's data folder)
     */
    static GatewayOptions from(GatewayConfig config, Path dataDir) {
        int listenPort = whole("listen.port", config::listen_port);
        int maxSessionsPerDevice = whole("max.sessions.per.device", config::max_sessions_per_device);
        int maxChannelsPerSession = whole("max.channels.per.session", config::max_channels_per_session);
        int maxUnauthenticated = whole("max.unauthenticated", config::max_unauthenticated);
        int maxAuthAttempts = whole("max.auth.attempts", config::max_auth_attempts);
        int authTimeout = whole("auth.timeout.seconds", config::auth_timeout_seconds);
        int idleTimeout = whole("idle.timeout.seconds", config::idle_timeout_seconds);
        int keepAlive = whole("keep.alive.seconds", config::keep_alive_seconds);
        int keepAliveMaxMissed = whole("keep.alive.max.missed", config::keep_alive_max_missed);
        int nioWorkers = whole("nio.workers", config::nio_workers);
        int channelWindowBytes = whole("channel.window.bytes", config::channel_window_bytes);
        int channelPacketBytes = whole("channel.packet.bytes", config::channel_packet_bytes);
        int rekeyLimitMegabytes = whole("rekey.limit.megabytes", config::rekey_limit_megabytes);
        require(listenPort >= 0 && listenPort <= 65535, "listen.port must be 0-65535");
        require(maxSessionsPerDevice >= 1, "max.sessions.per.device must be at least 1");
        require(maxChannelsPerSession >= 1, "max.channels.per.session must be at least 1");
        require(maxUnauthenticated >= 1, "max.unauthenticated must be at least 1");
        require(maxAuthAttempts >= 1, "max.auth.attempts must be at least 1");
        require(authTimeout >= 1, "auth.timeout.seconds must be at least 1");
        require(idleTimeout >= 0, "idle.timeout.seconds must be 0 (off) or more");
        require(keepAlive >= 0, "keep.alive.seconds must be 0 (off) or more");
        require(keepAliveMaxMissed >= 1, "keep.alive.max.missed must be at least 1");
        require(idleTimeout == 0 || keepAlive == 0 || idleTimeout > keepAlive,
                "idle.timeout.seconds must be longer than keep.alive.seconds, or live devices count as idle");
        require(nioWorkers >= 0, "nio.workers must be 0 (one per CPU) or more");
        require(channelWindowBytes >= 32768, "channel.window.bytes must be at least 32768");
        require(channelPacketBytes >= 4096 && channelPacketBytes <= 262144, "channel.packet.bytes must be 4096-262144");
        // above: AES-GCM's limit in RFC 4344
        require(rekeyLimitMegabytes >= 1 && rekeyLimitMegabytes <= 65536, "rekey.limit.megabytes must be 1-65536");
        String hostKey = config.host_key_file().trim();
        return new GatewayOptions(
                address("listen.address", config.listen_address()),
                listenPort,
                address("renter.bind.address", config.renter_bind_address()),
                hostKey.isEmpty() ? dataDir.resolve("ssh-gateway").resolve("host_key") : Path.of(hostKey),
                maxSessionsPerDevice,
                maxChannelsPerSession,
                maxUnauthenticated,
                maxAuthAttempts,
                Duration.ofSeconds(authTimeout),
                Duration.ofSeconds(idleTimeout),
                Duration.ofSeconds(keepAlive),
                keepAliveMaxMissed,
                nioWorkers,
                channelWindowBytes,
                channelPacketBytes,
                rekeyLimitMegabytes * 1024L * 1024L,
                config.chacha20_openssl());
    }

    // Config Admin hands a .cfg file's values over as text; DS converts them when they are read, and fails
    // on "22x" with an exception that names no setting
    private static int whole(String name, IntSupplier value) {
        try {
            return value.getAsInt();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
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
