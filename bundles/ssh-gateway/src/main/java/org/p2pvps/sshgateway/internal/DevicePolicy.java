package org.p2pvps.sshgateway.internal;

import java.util.Objects;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.p2pvps.device.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an authenticated device may do, decided on every request rather than once at login: bind its own
 * tunnel port, once, and nothing else. The device is looked up again each time, so a device deleted or
 * moved to another port since it logged in is refused.
 */
final class DevicePolicy implements ForwardingFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePolicy.class);

    private final DeviceDirectory devices;
    private final Tunnels tunnels;
    private final JumpTargets jumpTargets;

    DevicePolicy(DeviceDirectory devices, Tunnels tunnels, JumpTargets jumpTargets) {
        this.devices = devices;
        this.tunnels = tunnels;
        this.jumpTargets = jumpTargets;
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        SessionDevice device = SessionDevice.of(session);
        if (device == null || !session.isAuthenticated() || !(session instanceof ServerSession server)) {
            return refuse(session, "tcpip-forward " + address + " before authentication");
        }
        Integer tunnelPort;
        try {
            tunnelPort = devices.find(device.deviceId())
                    .filter(Device::registered)
                    .filter(d -> Objects.equals(device.keyFingerprint(), d.keyFingerprint()))
                    .map(Device::tunnelPort)
                    .orElse(null);
        } catch (RegistryCalls.RegistryAway e) {
            return refuse(session, "tcpip-forward " + address + ": the registry does not answer");
        }
        if (tunnelPort == null) {
            return refuse(session, "tcpip-forward " + address + ": device no longer registered with this key");
        }
        if (address.getPort() != tunnelPort) {
            return refuse(session, "tcpip-forward of port " + address.getPort() + ": its tunnel port is " + tunnelPort);
        }
        if (tunnels.holdsTunnel(server)) {
            return refuse(session, "second tcpip-forward of port " + tunnelPort + " in one session");
        }
        return true;
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        // only a renter's jump to its rented device's tunnel (JumpChannel already chose the address);
        // a device only ever receives connections
        SessionRenter renter = SessionRenter.of(session);
        try {
            if (type == Type.Direct && renter != null && session.isAuthenticated()
                    && jumpTargets.allows(renter.grant(), address)) {
                return true;
            }
        } catch (RegistryCalls.RegistryAway e) {
            return refuse(session, type.getName() + " to " + address + ": the registry does not answer");
        } catch (RuntimeException e) { // Apache SSHD would close the renter's whole session over it
            return refuse(session, type.getName() + " to " + address + ": the registry failed to check it: " + e);
        }
        return refuse(session, type.getName() + " to " + address);
    }

    @Override
    public boolean canForwardAgent(Session session, String requestType) {
        return refuse(session, requestType);
    }

    @Override
    public boolean canForwardX11(Session session, String requestType) {
        return refuse(session, requestType);
    }

    private static boolean refuse(Session session, String what) {
        SessionDevice device = SessionDevice.of(session);
        LOG.info("Refused {} for device {} from {}", what, device == null ? session.getUsername() : device.deviceId(),
                session.getRemoteAddress());
        return false;
    }
}
