package org.p2pvps.sshgateway.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.p2pvps.device.Device;
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305Choice;

/**
 * A real gateway on a free loopback port, its tunnel ports bound on loopback too, backed by an in-memory
 * device registry and a recorded tunnel status.
 */
final class TestGateway implements AutoCloseable {

    final InMemoryDevices devices = new InMemoryDevices();
    final RecordedTunnelStatus status = new RecordedTunnelStatus();
    final InMemoryRenters renters = new InMemoryRenters();
    final Gateway gateway;

    TestGateway(Path dir) throws Exception {
        this(dir, Map.of());
    }

    TestGateway(Path dir, Map<String, Object> overrides) throws Exception {
        // a loaded test machine may stall a look-up for a second or two: no test but the registry's own sees it away
        this(dir, overrides, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** @param registryAnswerWait, registryProbeEvery see {@link RegistryCalls} */
    TestGateway(Path dir, Map<String, Object> overrides, Duration registryAnswerWait, Duration registryProbeEvery)
            throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of(
                "listen.address", OpenSsh.LOOPBACK,
                "listen.port", 0,
                "renter.bind.address", OpenSsh.LOOPBACK,
                "host.key.file", dir.resolve("gateway-host-key").toString(),
                "auth.timeout.seconds", 5,
                "keep.alive.seconds", 2,
                "idle.timeout.seconds", 60));
        config.putAll(overrides);
        DeviceDirectory directory = new DeviceDirectory() {
            @Override
            public Optional<Device> find(String deviceId) {
                return devices.away ? Optional.empty() : devices.find(deviceId);
            }

            @Override
            public boolean available() {
                return !devices.away;
            }
        };
        gateway = new Gateway(GatewayOptions.from(TestConfig.of(config), dir), directory, () -> Optional.of(status),
                renters, new ChaCha20Poly1305Choice(), registryAnswerWait, registryProbeEvery);
        gateway.start();
    }

    int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
