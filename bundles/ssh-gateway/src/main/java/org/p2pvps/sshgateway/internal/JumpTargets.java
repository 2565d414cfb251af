package org.p2pvps.sshgateway.internal;

import java.util.Locale;
import java.util.Optional;

import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.p2pvps.device.Device;
import org.p2pvps.rental.RenterGrant;

/**
 * Where a jump-host renter may go: its rented device's SSH, named by subdomain or device id, port 22,
 * while the rental is active. The channel then connects to the device's tunnel port on the gateway,
 * which the device's own SSH session carries to the device.
 */
final class JumpTargets {

    static final int DEVICE_SSH_PORT = 22;

    private final DeviceDirectory devices;
    private final Renters renters;
    private final String tunnelHost;

    /** @param renterBindAddress where tunnel ports are bound; the wildcard is reached through loopback */
    JumpTargets(DeviceDirectory devices, Renters renters, String renterBindAddress) {
        this.devices = devices;
        this.renters = renters;
        this.tunnelHost = "0.0.0.0".equals(renterBindAddress) || "::".equals(renterBindAddress)
                ? "127.0.0.1" : renterBindAddress;
    }

    /** @return the tunnel address to connect to, or why not */
    Decision resolve(RenterGrant grant, String host, int port) {
        try {
            return resolveNow(grant, host, port);
        } catch (RegistryCalls.RegistryAway e) {
            return Decision.refused("the registry does not answer; try again shortly");
        } catch (RuntimeException e) { // Apache SSHD would close the renter's whole session over it
            return Decision.refused("the registry failed to check it: " + e);
        }
    }

    private Decision resolveNow(RenterGrant grant, String host, int port) {
        if (renters.active(grant.rentalId()).isEmpty()) {
            return Decision.refused("rental " + grant.rentalId() + " is no longer active");
        }
        if (port != DEVICE_SSH_PORT) {
            return Decision.refused("port " + port + " (only the device's SSH, port 22)");
        }
        Optional<Device> device = devices.find(grant.deviceId());
        if (device.isEmpty() || device.get().tunnelPort() == null) {
            return Decision.refused("device " + grant.deviceId() + " is gone");
        }
        if (!names(device.get(), host)) {
            return Decision.refused("host '" + host + "' (the rented device is " + device.get().subdomain() + ")");
        }
        return new Decision(new SshdSocketAddress(tunnelHost, device.get().tunnelPort()), null);
    }

    /**
     * @return whether a connection to {@code address} is the one {@link #resolve} allows for this grant
     * @throws RegistryCalls.RegistryAway when the registry does not answer
     */
    boolean allows(RenterGrant grant, SshdSocketAddress address) {
        if (renters.active(grant.rentalId()).isEmpty() || !tunnelHost.equals(address.getHostName())) {
            return false;
        }
        return devices.find(grant.deviceId()).map(Device::tunnelPort)
                .filter(port -> port == address.getPort()).isPresent();
    }

    private static boolean names(Device device, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        String subdomain = device.subdomain() == null ? null : device.subdomain().toLowerCase(Locale.ROOT);
        return wanted.equals(device.id().toLowerCase(Locale.ROOT))
                || subdomain != null && (wanted.equals(subdomain) || wanted.startsWith(subdomain + "."));
    }

    /** Where to connect, or why the renter may not. */
    record Decision(SshdSocketAddress target, String refusal) {

        static Decision refused(String why) {
            return new Decision(null, why);
        }
    }
}
