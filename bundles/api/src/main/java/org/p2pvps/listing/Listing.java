package org.p2pvps.listing;

import java.time.Instant;
import java.util.Map;

import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

/**
 * A registered device as the public sees it: no owner e-mail, no key, no token.
 *
 * @param deviceId the device's id
 * @param name the device's name
 * @param description the device's description
 * @param hardware reported hardware
 * @param currency currency of {@code pricing}
 * @param pricing price per offered period, in minor units
 * @param online whether the device was seen within the server's online window
 * @param lastSeen the device's last sign of life, {@code null} if never seen
 * @param available whether no rental holds the device, so it can be rented now
 * @param availableAt when a rented device becomes free, {@code null} when available or not yet known
 * @param tunnelConnected whether the device's reverse tunnel is up at the SSH gateway now (@since 1.0.0)
 */
public record Listing(
        String deviceId,
        String name,
        String description,
        Hardware hardware,
        String currency,
        Map<Period, Long> pricing,
        boolean online,
        Instant lastSeen,
        boolean available,
        Instant availableAt,
        boolean tunnelConnected) {

    public Listing {
        pricing = Map.copyOf(pricing);
    }

    /** A listing whose device's tunnel is not connected. */
    public Listing(String deviceId, String name, String description, Hardware hardware, String currency,
            Map<Period, Long> pricing, boolean online, Instant lastSeen, boolean available, Instant availableAt) {
        this(deviceId, name, description, hardware, currency, pricing, online, lastSeen, available, availableAt, false);
    }
}
