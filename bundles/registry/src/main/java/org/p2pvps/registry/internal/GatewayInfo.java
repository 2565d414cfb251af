package org.p2pvps.registry.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.p2pvps.gateway.SshGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH gateway as the registry reports it (health, registration answers), while one runs. The
 * gateway is another feature; the registry works without it.
 */
@Component(service = GatewayInfo.class)
public final class GatewayInfo {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayInfo.class);

    private final AtomicReference<SshGateway> gateway = new AtomicReference<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindGateway(SshGateway running) {
        gateway.set(running);
    }

    public void unbindGateway(SshGateway stopped) {
        gateway.compareAndSet(stopped, null);
    }

    /**
     * Asks the device, through the gateway, to check in now: what the server wants of it changed. Without a
     * gateway (or an older device) it learns of it at its next heartbeat.
     */
    public void requestCheckIn(String deviceId) {
        SshGateway running = gateway.get();
        try {
            if (running != null && running.requestCheckIn(deviceId)) {
                LOG.debug("Asked device {} to check in", deviceId);
            }
        } catch (RuntimeException e) { // a nudge is a courtesy: the rental's change is stored, the heartbeat tells it
            LOG.warn("Could not ask device {} to check in ({}); it learns at its next heartbeat", deviceId, e.toString());
        }
    }

    /** @return the running gateway's host key fingerprint, for devices to pin */
    public Optional<String> hostKeyFingerprint() {
        return Optional.ofNullable(gateway.get()).map(SshGateway::hostKeyFingerprint);
    }

    /** @return the port the running gateway listens on */
    public Optional<Integer> port() {
        return Optional.ofNullable(gateway.get()).map(SshGateway::port);
    }
}
