package org.p2pvps.rental;

import java.time.Instant;

/**
 * What an authenticated renter may reach: the device of their active rental, until it ends.
 *
 * @param rentalId the active rental
 * @param deviceId the rented device
 * @param login the renter's login
 * @param expiresAt when access ends
 */
public record RenterGrant(String rentalId, String deviceId, String login, Instant expiresAt) {
}
