package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Set;

import org.p2pvps.device.Device;

/**
 * The devices an operator asked to see.
 *
 * @param onlineOnly only devices online now
 * @param ownerId only this owner's devices; {@code null} for every owner's
 */
record DeviceFilter(boolean onlineOnly, String ownerId) {

    /** @return the selected devices, in their original order */
    List<Device> apply(List<Device> devices, Set<String> onlineIds) {
        return devices.stream()
                .filter(device -> !onlineOnly || onlineIds.contains(device.id()))
                .filter(device -> ownerId == null || ownerId.equals(device.ownerId()))
                .toList();
    }
}
