package org.p2pvps.rental;

import org.osgi.annotation.versioning.ConsumerType;
import org.p2pvps.device.Device;

/**
 * SPI for payment plugins (whiteboard): register a service of this type and renters can pay
 * through it by its {@link #name()}. The server calls it from request and scheduler threads; calls
 * must return quickly. A provider reports a settled payment back through
 * {@link RentalService#paid}.
 */
@ConsumerType
public interface PaymentProvider {

    /** @return the provider's name, as renters choose it ({@code "manual"}, {@code "openbazaar"}) */
    String name();

    /**
     * A device's offer changed: it became rentable, its prices changed, or it was rented or
     * withdrawn. Providers that publish offers elsewhere (a marketplace listing) update them here.
     *
     * @param available whether the device can be rented now
     */
    void offer(Device device, boolean available);

    /**
     * A renter asked for a rental (or a renewal) to be settled through this provider.
     *
     * @param amount what the renter owes for it
     * @return what the renter must do to pay
     */
    PaymentRequest purchaseStarted(Rental rental, Money amount);

    /**
     * Gives money back to the renter, fully or in part (for example a device that went offline).
     *
     * @param reason a sentence for the renter
     */
    void refund(Rental rental, Money amount, String reason);
}
