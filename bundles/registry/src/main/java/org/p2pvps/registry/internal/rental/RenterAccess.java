package org.p2pvps.registry.internal.rental;

import java.util.List;

/**
 * How the renter of an active rental reaches the device: straight to its tunnel port, or through
 * the gateway as a jump host.
 *
 * @param host the server's SSH host name
 * @param port the device's tunnel port on it
 * @param login the renter's user name on the device
 * @param password the renter's password (shown to the renter only)
 * @param jumpPort the gateway's SSH port, for {@code ssh -J}
 * @param subdomain the device's subdomain, the jump target's name
 * @param ssh ready-to-run command lines
 */
public record RenterAccess(String host, int port, String login, String password, int jumpPort, String subdomain,
        List<String> ssh) {

    static RenterAccess of(String host, int port, String login, String password, int jumpPort, String subdomain) {
        return new RenterAccess(host, port, login, password, jumpPort, subdomain, List.of(
                "ssh -p " + port + " " + login + "@" + host,
                "ssh -J " + login + "@" + host + ":" + jumpPort + " " + login + "@" + subdomain));
    }

    @Override
    public String toString() {
        return "RenterAccess[" + login + "@" + host + ":" + port + "]";
    }
}
