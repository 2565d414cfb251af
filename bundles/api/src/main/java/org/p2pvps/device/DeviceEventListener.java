package org.p2pvps.device;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard interface: register a service of this type to hear about device events. Calls come
 * after the change is stored, on a p2pvps thread; a listener must return quickly and must not throw.
 */
@ConsumerType
public interface DeviceEventListener {

    /** Called once for each event. */
    void deviceEvent(DeviceEvent event);
}
