package org.p2pvps.registry.internal.store;

import java.time.Instant;

/** Hears every change {@link DeviceStore} makes to the {@code devices} collection, after it is stored. */
public interface DeviceWrites {

    /**
     * The device changed: a fresh read shows how. Racing writers may report in any order, so the listener
     * reads rather than trusting a document one writer saw.
     */
    void changed(String deviceId);

    /** A heartbeat: only the last sign of life moved. */
    void seen(String deviceId, Instant lastSeen);

    void removed(String deviceId);

    /** Every device's tunnel was set down, and nothing else changed. */
    void tunnelsCleared();

}
