package org.p2pvps.registry.internal.rest;

import java.time.Instant;
import java.util.Map;

import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A device as its owner sees it; {@code registrationToken} appears only in the response that created it,
 * {@code rental} while a rental holds the device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceJson(
        String id,
        String name,
        String description,
        String currency,
        Map<Period, Long> pricing,
        boolean registered,
        Hardware hardware,
        String keyFingerprint,
        Integer tunnelPort,
        String subdomain,
        boolean online,
        boolean tunnelConnected,
        Instant lastSeen,
        Instant createdAt,
        Instant registeredAt,
        HoldingRental rental,
        String registrationToken) {

    /** The rental holding the device, so its owner can see and end it. */
    public record HoldingRental(String id, RentalState state, Instant expiresAt) {
    }

    static DeviceJson of(Device device, boolean online, Rental rental, String registrationToken) {
        return new DeviceJson(device.id(), device.name(), device.description(), device.currency(), device.pricing(),
                device.registered(), device.hardware(), device.keyFingerprint(), device.tunnelPort(),
                device.subdomain(), online, device.tunnelConnected(), device.lastSeen(), device.createdAt(), device.registeredAt(),
                rental == null ? null : new HoldingRental(rental.id(), rental.state(), rental.expiresAt()), registrationToken);
    }
}
