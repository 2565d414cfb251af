package org.p2pvps.rental;

import java.time.Instant;

import org.p2pvps.device.Period;

/**
 * A rental as the operator, the device's owner and payment plugins see it. Credentials and the
 * renter's token are never part of it.
 *
 * @param id stable rental id
 * @param deviceId the rented device
 * @param ownerId the device's owner
 * @param period the period rented
 * @param count how many periods
 * @param price what the renter pays (zero for a self-rent)
 * @param state where the rental is in its life
 * @param selfRent whether the device's owner rented it for themselves
 * @param contact how to reach the renter, as they gave it; may be {@code null}
 * @param paymentProvider name of the provider settling it ({@code self} for a self-rent)
 * @param paymentReference the provider's reference (order id), {@code null} until it has one
 * @param login the renter's login on the device, {@code null} until active
 * @param deviceReady whether the device has applied the rental's credentials (false once the rental is over)
 * @param createdAt when the renter asked for it
 * @param payBy when an unpaid rental is cancelled, {@code null} once active
 * @param activatedAt when it became active, {@code null} before
 * @param expiresAt when it ends, {@code null} before it is active
 * @param pendingRenewal periods of a renewal waiting for payment, 0 when none
 */
public record Rental(
        String id,
        String deviceId,
        String ownerId,
        Period period,
        int count,
        Money price,
        RentalState state,
        boolean selfRent,
        String contact,
        String paymentProvider,
        String paymentReference,
        String login,
        boolean deviceReady,
        Instant createdAt,
        Instant payBy,
        Instant activatedAt,
        Instant expiresAt,
        int pendingRenewal) {
}
