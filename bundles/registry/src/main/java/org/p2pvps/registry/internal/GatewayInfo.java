package org.p2pvps.registry.internal;

import java.util.Optional;

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

    private volatile SshGateway gateway;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindGateway(SshGateway running) {
        gateway = running;
    }

    public void unbindGateway(SshGateway stopped) {
        if (gateway == stopped) {
            gateway = null;
        }
    }

    /**
     * Asks the device, through the gateway, to check in now: what the server wants of it changed. Without a
     * gateway (or an older device) it learns of it at its next heartbeat.
     */
    public void requestCheckIn(String deviceId) {
        SshGateway running = gateway;
        if (running != null && running.requestCheckIn(deviceId)) {
            LOG.debug("Asked device {} to check in", deviceId);
        }
    }

    /** @return the running gateway's host key fingerprint, for devices to pin */
    public Optional<String> hostKeyFingerprint() {
        return Optional.ofNullable(gateway).map(SshGateway::hostKeyFingerprint);
    }

    /** @return the port the running gateway listens on */
    public Optional<Integer> port() {
        return Optional.ofNullable(gateway).map(SshGateway::port);
    }
}
