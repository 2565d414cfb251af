package org.p2pvps.registry.internal;

import java.time.Instant;

/**
 * What a device should be doing, returned by every heartbeat. State, not events, crosses the wire, so
 * a lost response is repaired by the next heartbeat. Rental fields join this record with rentals.
 *
 * @param state {@code AVAILABLE} (idle, no renter data), later also {@code RENTED} and {@code RESET}
 * @param heartbeatIntervalSeconds when to send the next heartbeat
 * @param serverTime the server's clock, for the device to judge expiry times by
 */
public record DesiredState(String state, int heartbeatIntervalSeconds, Instant serverTime) {

    public static DesiredState available(int heartbeatIntervalSeconds, Instant now) {
        return new DesiredState("AVAILABLE", heartbeatIntervalSeconds, now);
    }
}
