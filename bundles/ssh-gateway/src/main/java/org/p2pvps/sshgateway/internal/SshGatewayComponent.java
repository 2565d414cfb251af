package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceEvent;
import org.p2pvps.device.DeviceEventListener;
import org.p2pvps.device.DeviceService;
import org.p2pvps.device.TunnelStatus;
import org.p2pvps.rental.RentalService;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.gateway.Tunnel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH gateway as a DS component. The registry's services are optional and dynamic: while the registry
 * is away (being reinstalled, say) devices cannot log in, but tunnels already up keep carrying renters.
 * The {@link SshGateway} service is registered once the server listens, with its host key fingerprint and
 * port as service properties.
 */
// SshGateway is registered by hand once the server listens, because its properties (the host key
// fingerprint, the bound port) are only known then
@Component(service = DeviceEventListener.class, immediate = true, configurationPid = "org.p2pvps.sshgateway")
@Designate(ocd = GatewayConfig.class)
public final class SshGatewayComponent implements DeviceEventListener, SshGateway {

    private static final Logger LOG = LoggerFactory.getLogger(SshGatewayComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeviceService devices;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RentalService rentals;

    private volatile TunnelStatus status;
    private volatile Gateway gateway;
    private ServiceRegistration<SshGateway> registration;

    @Activate
    void activate(BundleContext context, GatewayConfig config) throws IOException {
        String data = context.getProperty("karaf.data");
        Path dataDir = Path.of(data != null ? data : "data");
        DeviceDirectory directory = new DeviceDirectory() {
            @Override
            public Optional<Device> find(String deviceId) {
                return SshGatewayComponent.this.find(deviceId);
            }

            @Override
            public boolean available() {
                return devices != null;
            }
        };
        Gateway started = new Gateway(GatewayOptions.from(config, dataDir), directory, () -> Optional.ofNullable(status),
                new RentalServiceRenters(() -> rentals));
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            started.stop();
            throw e;
        }
        gateway = started;
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HOST_KEY_FINGERPRINT, started.hostKeyFingerprint());
        properties.put(PORT, started.port());
        registration = context.registerService(SshGateway.class, this, properties);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        Gateway stopping = gateway;
        gateway = null;
        if (stopping != null) {
            stopping.stop();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStatus(TunnelStatus tunnelStatus) {
        status = tunnelStatus;
        Gateway running = gateway;
        if (running != null) {
            running.statusAvailable();
        }
    }

    void unbindStatus(TunnelStatus tunnelStatus) {
        if (status == tunnelStatus) {
            status = null;
        }
    }

    private Optional<Device> find(String deviceId) {
        DeviceService service = devices;
        return service == null ? Optional.empty() : service.find(deviceId);
    }

    /** A deleted device loses its sessions at once; so does one that re-registered with another key. */
    @Override
    public void deviceEvent(DeviceEvent event) {
        Gateway running = gateway;
        if (running == null) {
            return;
        }
        switch (event.type()) {
            case DELETED -> {
                if (running.kick(event.deviceId())) {
                    LOG.info("Device {} was deleted; its sessions are closed", event.deviceId());
                }
            }
            case REGISTERED -> running.kickIfKeyChanged(event.deviceId());
            default -> {
                // connections are this gateway's own news
            }
        }
    }

    @Override
    public String hostKeyFingerprint() {
        return running().hostKeyFingerprint();
    }

    @Override
    public int port() {
        return running().port();
    }

    @Override
    public List<Tunnel> tunnels() {
        return Optional.ofNullable(gateway).map(Gateway::tunnels).orElse(List.of());
    }

    @Override
    public Optional<Tunnel> tunnel(String deviceId) {
        return Optional.ofNullable(gateway).flatMap(g -> g.tunnel(deviceId));
    }

    @Override
    public boolean kick(String deviceId) {
        return Optional.ofNullable(gateway).map(g -> g.kick(deviceId)).orElse(false);
    }

    private Gateway running() {
        return Optional.ofNullable(gateway).orElseThrow(() -> new IllegalStateException("the SSH gateway is stopped"));
    }
}
