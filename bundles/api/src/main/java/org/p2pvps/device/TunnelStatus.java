package org.p2pvps.device;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the SSH gateway reports the state of devices' reverse tunnels. The registry implements it: it
 * keeps each device's {@code tunnelConnected} flag and last-seen time, and tells
 * {@link DeviceEventListener}s ({@link DeviceEvent.Type#CONNECTED}, {@link DeviceEvent.Type#DISCONNECTED}).
 * Calls may block on the store; the gateway makes them off its I/O threads, in the order things happened.
 *
 * @since 1.0.0
 */
@ProviderType
public interface TunnelStatus {

    /**
     * The device's tunnel is up: its SSH session holds the forward of its tunnel port.
     *
     * @param deviceId the device
     * @param remote where the device's SSH connection comes from
     */
    void tunnelConnected(String deviceId, InetSocketAddress remote);

    /** The device's tunnel is down: its session closed, or it cancelled the forward. */
    void tunnelDisconnected(String deviceId);

    /**
     * The gateway (re)started and holds no tunnel: every device's tunnel counts as disconnected, whatever
     * was recorded before (a crashed server cannot have reported its tunnels going down).
     */
    void noTunnels();
}
