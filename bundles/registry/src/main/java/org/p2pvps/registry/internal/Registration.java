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

    /** The SSH gateway's address as devices should dial it. */
    public record Gateway(String host, int port) {
    }
}
