package org.p2pvps.registry.internal.rest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.p2pvps.gateway.SshGateway;
import org.p2pvps.gateway.Tunnel;

/**
 * A TEST DOUBLE of the SSH gateway service (bundles/ssh-gateway runs the real one, tested there): it records which
 * devices the registry asked to check in, holding a session for every device.
 */
final class RecordingGateway implements SshGateway {

    final List<String> checkInRequests = new CopyOnWriteArrayList<>();
    /** Whether a request fails, as a gateway being stopped may. */
    volatile boolean failing;

    @Override
    public boolean requestCheckIn(String deviceId) {
        checkInRequests.add(deviceId);
        if (failing) {
            throw new IllegalStateException("the gateway is stopping");
        }
        return true;
    }

    @Override
    public String hostKeyFingerprint() {
        return "SHA256:recording";
    }

    @Override
    public int port() {
        return 2222;
    }

    @Override
    public List<Tunnel> tunnels() {
        return List.of();
    }

    @Override
    public Optional<Tunnel> tunnel(String deviceId) {
        return Optional.empty();
    }

    @Override
    public boolean kick(String deviceId) {
        return false;
    }
}
