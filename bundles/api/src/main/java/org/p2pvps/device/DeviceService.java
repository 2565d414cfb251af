package org.p2pvps.device;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Read access to the device registry, for other p2pvps capabilities and operator tools. */
@ProviderType
public interface DeviceService {

    /** @return the device with that id, if it exists */
    Optional<Device> find(String deviceId);

    /**
     * @param skip how many devices to pass over, in creation order
     * @param limit how many to return at most
     * @return a page of all devices, oldest first
     */
    List<Device> list(int skip, int limit);

    /** @return how many devices exist */
    long count();
}
