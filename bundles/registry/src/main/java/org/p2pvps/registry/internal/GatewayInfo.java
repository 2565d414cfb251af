package org.p2pvps.registry.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.p2pvps.gateway.SshGateway;

/**
 * The SSH gateway as the registry reports it (health, registration answers), while one runs. The
 * gateway is another feature; the registry works without it.
 */
@Component(service = GatewayInfo.class)
public final class GatewayInfo {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SshGateway gateway;

    /** @return the running gateway's host key fingerprint, for devices to pin */
    public Optional<String> hostKeyFingerprint() {
        return Optional.ofNullable(gateway).map(SshGateway::hostKeyFingerprint);
    }

    /** @return the port the running gateway listens on */
    public Optional<Integer> port() {
        return Optional.ofNullable(gateway).map(SshGateway::port);
    }
}
