package org.p2pvps.device;

import java.time.Instant;

/**
 * Something that happened to a device.
 *
 * @param type what happened
 * @param deviceId the device it happened to
 * @param at when it happened
 */
public record DeviceEvent(Type type, String deviceId, Instant at) {

    /** The kinds of device event. */
    public enum Type {
        /** An owner created the device. */
        CREATED,
        /** The device registered (or re-registered) its key and hardware. */
        REGISTERED,
        /** The owner deleted the device. */
        DELETED,
        /** The device's tunnel connected to the gateway. */
        CONNECTED,
        /** The device's tunnel disconnected from the gateway. */
        DISCONNECTED
    }
}
