package org.p2pvps.sshgateway.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;
import org.p2pvps.device.Hardware;

/** The registry's device service, reduced to a map: our own API, implemented plainly for tests. */
final class InMemoryDevices implements DeviceService {

    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    /** As when the registry's service is gone: {@link TestGateway}'s directory then says it is not available. */
    volatile boolean away;
    /** While set and not counted down, look-ups wait for it: a registry whose database does not answer. */
    volatile CountDownLatch unanswered;
    /** Look-ups waiting for {@link #unanswered} now. */
    final AtomicInteger waiting = new AtomicInteger();

    /** Adds a registered device with that key and tunnel port. */
    Device register(String id, TestKey key, int tunnelPort) {
        Device device = new Device(id, "owner-1", "device " + id, "test device", "USD", Map.of(),
                new Hardware("test cpu", 2, 1024, 10_000, "amd64"), key.publicKey(), key.fingerprint(), tunnelPort,
                "sub-" + id, Instant.now(), Instant.now(), Instant.now());
        devices.put(id, device);
        return device;
    }

    void delete(String id) {
        devices.remove(id);
    }

    @Override
    public Optional<Device> find(String deviceId) {
        CountDownLatch wait = unanswered;
        if (wait != null) {
            waiting.incrementAndGet();
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while not answering", e);
            } finally {
                waiting.decrementAndGet();
            }
        }
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public List<Device> list(int skip, int limit) {
        return devices.values().stream().skip(skip).limit(limit).toList();
    }

    @Override
    public long count() {
        return devices.size();
    }
}
