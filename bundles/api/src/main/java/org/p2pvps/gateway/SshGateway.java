package org.p2pvps.gateway;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running SSH gateway. Registered as a service while the gateway listens; its service properties
 * carry {@value #HOST_KEY_FINGERPRINT} and {@value #PORT} too, so a consumer can show them without
 * holding the service.
 *
 * @since 1.0.0
 */
@ProviderType
public interface SshGateway {

    /** Service property: the host key fingerprint, as {@link #hostKeyFingerprint()}. */
    String HOST_KEY_FINGERPRINT = "p2pvps.gateway.hostKeyFingerprint";

    /** Service property: the port the gateway listens on, as {@link #port()}. */
    String PORT = "p2pvps.gateway.port";

    /** @return the SHA256 fingerprint of the gateway's host key, as {@code ssh-keygen -l} prints it */
    String hostKeyFingerprint();

    /** @return the port devices (and jump-host renters) connect to */
    int port();

    /** @return the tunnels up right now, one per device at most, ordered by device id */
    List<Tunnel> tunnels();

    /** @return the device's tunnel, if it is up */
    Optional<Tunnel> tunnel(String deviceId);

    /**
     * Disconnects every SSH session of the device; its tunnel port is released. The device may connect
     * again (its governor will).
     *
     * @return whether the device had a session to close
     */
    boolean kick(String deviceId);

    /**
     * Asks the device to check in with the server now, because what the server wants of it changed (a rental
     * began, was renewed or ended): an SSH global request on its session, which the p2pvps governor answers with a
     * heartbeat. A device that does not know the request (a plain OpenSSH client) ignores it and learns of the
     * change at its next heartbeat.
     *
     * @return whether the device had a session to ask
     * @since 1.1.0
     */
    boolean requestCheckIn(String deviceId);
}
