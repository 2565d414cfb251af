package org.p2pvps.registry.internal;

/**
 * What a device gets back from registering.
 *
 * @param deviceToken the device's bearer token for heartbeats; shown only here
 * @param tunnelPort the port its reverse tunnel is to forward
 * @param subdomain its subdomain
 * @param gateway where the SSH gateway listens
 */
public record Registration(String deviceToken, int tunnelPort, String subdomain, Gateway gateway) {

    /**
     * The SSH gateway's address as devices should dial it.
     *
     * @param hostKeyFingerprint the gateway's host key (SHA256), for the device to pin; {@code null}
     *        while no gateway runs
     */
    public record Gateway(String host, int port, String hostKeyFingerprint) {
    }
}
