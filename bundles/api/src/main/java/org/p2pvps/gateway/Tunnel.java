package org.p2pvps.gateway;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A device's reverse tunnel as the gateway holds it.
 *
 * @param deviceId the device
 * @param port the tunnel port renters connect to
 * @param bindAddress the address the port is bound on
 * @param remote where the device's SSH connection comes from
 * @param since when the tunnel came up
 * @param bytesIn bytes renters sent into the tunnel (towards the device)
 * @param bytesOut bytes the device sent back out to renters
 * @since 1.0.0
 */
public record Tunnel(String deviceId, int port, String bindAddress, InetSocketAddress remote, Instant since,
        long bytesIn, long bytesOut) {
}
