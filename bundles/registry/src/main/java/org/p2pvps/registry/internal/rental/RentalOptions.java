package org.p2pvps.registry.internal.rental;

import java.time.Duration;

import org.p2pvps.registry.internal.RegistryConfig;

/** The rental part of the registry's configuration, validated once. */
public record RentalOptions(Duration paymentTimeout, int maxCount, Duration sweepInterval) {

    public static RentalOptions from(RegistryConfig config) {
        if (config.rental_payment_timeout_minutes() < 1) {
            throw new IllegalArgumentException("rental.payment.timeout.minutes must be at least 1");
        }
        if (config.rental_max_count() < 1) {
            throw new IllegalArgumentException("rental.max.count must be at least 1");
        }
        if (config.rental_sweep_interval_seconds() < 1) {
            throw new IllegalArgumentException("rental.sweep.interval.seconds must be at least 1");
        }
        return new RentalOptions(Duration.ofMinutes(config.rental_payment_timeout_minutes()),
                config.rental_max_count(), Duration.ofSeconds(config.rental_sweep_interval_seconds()));
    }
}
