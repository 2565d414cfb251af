package org.p2pvps.registry.internal;

/**
 * What a device reports in a heartbeat. Every field is optional.
 *
 * @param tunnel its tunnel state as it sees it, e.g. {@code UP} or {@code DOWN}
 * @param container its container state, e.g. {@code RUNNING}, {@code NONE}
 * @param appliedRentalId the rental whose credentials it has applied, if any
 * @param uptimeSeconds how long the device runtime has been up
 * @param message a free-text status line for the owner
 */
public record HeartbeatReport(String tunnel, String container, String appliedRentalId, Long uptimeSeconds,
        String message) {
}
