package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.List;

/**
 * What a device should be doing, returned by every heartbeat. State, not events, crosses the wire, so
 * a lost response is repaired by the next heartbeat. A rental id the device has not applied yet
 * means: reset the container, then apply these credentials.
 *
 * @param state {@code AVAILABLE} (idle, no renter data) or {@code RENTED}
 * @param heartbeatIntervalSeconds when to send the next heartbeat
 * @param serverTime the server's clock, for the device to judge expiry times by
 * @param rentalId the active rental, {@code null} when available
 * @param login the renter's user name, when rented
 * @param passwordHash the renter's password as a crypt(3) SHA-512 hash ({@code chpasswd -e}), when rented
 * @param authorizedKeys the renter's SSH public keys (may be empty), when rented
 * @param expiresAt when the rental ends, when rented
 * @param gateway where the device is to dial the SSH gateway now: the registration's answer goes stale when the
 *        operator moves the gateway or replaces its host key, and the device follows this one
 */
public record DesiredState(String state, int heartbeatIntervalSeconds, Instant serverTime, String rentalId,
        String login, String passwordHash, List<String> authorizedKeys, Instant expiresAt, Registration.Gateway gateway) {

    public static DesiredState available(int heartbeatIntervalSeconds, Instant now, Registration.Gateway gateway) {
        return new DesiredState("AVAILABLE", heartbeatIntervalSeconds, now, null, null, null, null, null, gateway);
    }

    public DesiredState rented(String rentalId, String login, String passwordHash, List<String> authorizedKeys,
            Instant expiresAt) {
        return new DesiredState("RENTED", heartbeatIntervalSeconds, serverTime, rentalId, login, passwordHash,
                List.copyOf(authorizedKeys), expiresAt, gateway);
    }
}
