package org.p2pvps.registry.internal.rental;

/**
 * A renter's request, as {@code POST /rentals} takes it.
 *
 * @param deviceId the device to rent
 * @param period {@code HOUR}, {@code DAY}, {@code WEEK} or {@code MONTH}
 * @param count how many periods
 * @param sshPublicKey the renter's public key, optional (a password is always issued)
 * @param contact how to reach the renter, optional
 * @param paymentProvider who settles it; {@code manual} when absent
 */
public record RentalRequest(String deviceId, String period, Integer count, String sshPublicKey, String contact,
        String paymentProvider) {
}
