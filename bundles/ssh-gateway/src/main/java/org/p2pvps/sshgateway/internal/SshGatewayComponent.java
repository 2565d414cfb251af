package org.p2pvps.sshgateway.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
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
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305Choice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH gateway as a DS component. The registry's services are optional and dynamic: while the registry
 * is away (being reinstalled, say) devices cannot log in, but tunnels already up keep carrying renters.
 * The {@link SshGateway} service is registered once the server listens, with its host key fingerprint and
 * port as service properties. A changed configuration restarts the gateway with it, unless it is invalid or
 * cannot start: then the gateway keeps serving as before ({@link GatewayRunner}).
 */
// SshGateway is registered by hand once the server listens, because its properties (the host key
// fingerprint, the bound port) are only known then
@Component(service = DeviceEventListener.class, immediate = true, configurationPid = "org.p2pvps.sshgateway")
@Designate(ocd = GatewayConfig.class)
public final class SshGatewayComponent implements DeviceEventListener, SshGateway {

    private static final Logger LOG = LoggerFactory.getLogger(SshGatewayComponent.class);
    /** How often a gateway that could not start (its port in use, say) is tried again. */
    private static final Duration START_RETRY = Duration.ofSeconds(10);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeviceService devices;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RentalService rentals;

    private volatile TunnelStatus status;
    private volatile GatewayRunner runner;
    private ServiceRegistration<SshGateway> registration;

    @Activate
    void activate(BundleContext context, GatewayConfig config) {
        String data = context.getProperty("karaf.data");
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
        ChaCha20Poly1305Choice chaCha = new ChaCha20Poly1305Choice();
        GatewayRunner starting = new GatewayRunner(
                options -> new Gateway(options, directory, () -> Optional.ofNullable(status),
                        new RentalServiceRenters(() -> rentals), chaCha),
                Path.of(data != null ? data : "data"), new GatewayRunner.Listener() {
                    @Override
                    public void started(Gateway gateway) {
                        Dictionary<String, Object> properties = new Hashtable<>();
                        properties.put(HOST_KEY_FINGERPRINT, gateway.hostKeyFingerprint());
                        properties.put(PORT, gateway.port());
                        registration = context.registerService(SshGateway.class, SshGatewayComponent.this, properties);
                    }

                    @Override
                    public void stopping(Gateway gateway) {
                        registration.unregister();
                        registration = null;
                    }
                }, START_RETRY);
        runner = starting;
        starting.apply(config);
    }

    @Modified
    void modified(GatewayConfig config) {
        runner.apply(config);
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStatus(TunnelStatus tunnelStatus) {
        status = tunnelStatus;
        gateway().ifPresent(Gateway::statusAvailable);
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
        Gateway running = gateway().orElse(null);
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
        return gateway().map(Gateway::tunnels).orElse(List.of());
    }

    @Override
    public Optional<Tunnel> tunnel(String deviceId) {
        return gateway().flatMap(g -> g.tunnel(deviceId));
    }

    @Override
    public boolean kick(String deviceId) {
        return gateway().map(g -> g.kick(deviceId)).orElse(false);
    }

    @Override
    public boolean requestCheckIn(String deviceId) {
        return gateway().map(g -> g.requestCheckIn(deviceId)).orElse(false);
    }

    // the runner is made in activate; DS may bind the dynamic references before that
    private Optional<Gateway> gateway() {
        GatewayRunner current = runner;
        return current == null ? Optional.empty() : current.running();
    }

    private Gateway running() {
        return gateway().orElseThrow(() -> new IllegalStateException("the SSH gateway is stopped"));
    }
}
