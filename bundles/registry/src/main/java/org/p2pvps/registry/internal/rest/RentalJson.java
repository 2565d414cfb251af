package org.p2pvps.registry.internal.rest;

import java.time.Instant;

import org.p2pvps.device.Period;
import org.p2pvps.registry.internal.rental.RenterAccess;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.PaymentRequest;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

/**
 * A rental on the wire. {@code rentalToken} appears only in the answer that created the rental,
 * {@code access} only for the renter of an active rental, {@code payment} while payment is due.
 */
public record RentalJson(
        String id,
        String deviceId,
        RentalState state,
        Period period,
        int count,
        Money price,
        boolean selfRent,
        String paymentProvider,
        boolean deviceReady,
        Instant createdAt,
        Instant payBy,
        Instant activatedAt,
        Instant expiresAt,
        Integer pendingRenewal,
        String rentalToken,
        PaymentRequest payment,
        RenterAccess access) {

    static RentalJson of(Rental rental, String rentalToken, PaymentRequest payment, RenterAccess access) {
        return new RentalJson(rental.id(), rental.deviceId(), rental.state(), rental.period(), rental.count(),
                rental.price(), rental.selfRent(), rental.paymentProvider(), rental.deviceReady(), rental.createdAt(),
                rental.payBy(), rental.activatedAt(), rental.expiresAt(),
                rental.pendingRenewal() == 0 ? null : rental.pendingRenewal(), rentalToken, payment, access);
    }
}
