package org.p2pvps.sshgateway.internal;

import java.util.Optional;

import org.p2pvps.device.Device;

/** The registry's devices, asked through {@link RegistryCalls}: never on an SSH thread for longer than it allows. */
final class AskedDevices implements DeviceDirectory {

    private final DeviceDirectory registry;
    private final RegistryCalls calls;

    AskedDevices(DeviceDirectory registry, RegistryCalls calls) {
        this.registry = registry;
        this.calls = calls;
    }

    /** @throws RegistryCalls.RegistryAway when the registry does not answer */
    @Override
    public Optional<Device> find(String deviceId) {
        return calls.ask(() -> registry.find(deviceId));
    }

    @Override
    public boolean available() {
        return registry.available() && !calls.away();
    }
}
