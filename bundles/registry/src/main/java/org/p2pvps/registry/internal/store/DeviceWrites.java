package org.p2pvps.registry.internal.store;

import java.time.Instant;

import org.bson.Document;

/** Hears every change {@link DeviceStore} makes to the {@code devices} collection, after it is stored. */
public interface DeviceWrites {

    /** The device now stands as {@code device} (the whole document). */
    void changed(Document device);

    /** The device changed in a way only a fresh read shows (a conditional update). */
    void changed(String deviceId);

    /** A heartbeat: only the last sign of life moved. */
    void seen(String deviceId, Instant lastSeen);

    void removed(String deviceId);

    /** Many devices changed at once. */
    void changedAll();

}
