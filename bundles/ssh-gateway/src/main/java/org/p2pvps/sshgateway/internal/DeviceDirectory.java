package org.p2pvps.sshgateway.internal;

import java.util.Optional;

import org.p2pvps.device.Device;

/**
 * How the gateway looks devices up: the registry's {@link org.p2pvps.device.DeviceService} while it is
 * there, nothing while it is not (every device is refused then; tunnels already up stay up).
 */
@FunctionalInterface
interface DeviceDirectory {

    /** @return the device, if the registry knows it now */
    Optional<Device> find(String deviceId);

    /** @return whether the registry is there to ask; while it is not, {@link #find} knows no device */
    default boolean available() {
        return true;
    }
}
