package org.p2pvps.registry.internal.rental;

import java.time.Duration;

import org.p2pvps.registry.internal.RegistryConfig;
import org.p2pvps.registry.internal.RegistryOptions;

/** The rental part of the registry's configuration, validated once. */
public record RentalOptions(Duration paymentTimeout, int maxCount, Duration sweepInterval) {

    public static RentalOptions from(RegistryConfig config) {
        int paymentTimeoutMinutes = RegistryOptions.whole("rental.payment.timeout.minutes",
                config::rental_payment_timeout_minutes);
        int maxCount = RegistryOptions.whole("rental.max.count", config::rental_max_count);
        int sweepSeconds = RegistryOptions.whole("rental.sweep.interval.seconds", config::rental_sweep_interval_seconds);
        if (paymentTimeoutMinutes < 1) {
            throw new IllegalArgumentException("rental.payment.timeout.minutes must be at least 1");
        }
        if (maxCount < 1) {
            throw new IllegalArgumentException("rental.max.count must be at least 1");
        }
        if (sweepSeconds < 1) {
            throw new IllegalArgumentException("rental.sweep.interval.seconds must be at least 1");
        }
        return new RentalOptions(Duration.ofMinutes(paymentTimeoutMinutes), maxCount, Duration.ofSeconds(sweepSeconds));
    }
}
