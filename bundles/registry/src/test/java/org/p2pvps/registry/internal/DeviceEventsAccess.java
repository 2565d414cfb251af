package org.p2pvps.registry.internal;

/** Reaches the package-private lifecycle method of {@link DeviceEvents} from tests in other packages. */
public final class DeviceEventsAccess {

    private DeviceEventsAccess() {
    }

    public static void stop(DeviceEvents events) throws InterruptedException {
        events.stop();
    }
}
