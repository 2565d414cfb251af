package org.p2pvps.registry.internal;

import org.p2pvps.registry.internal.rental.RentalOptions;

/**
 * The registry's configuration, validated: published as a service by {@link RegistryConfiguration} only
 * while valid, so the registry's components start from settings that passed every check.
 */
public record RegistrySettings(RegistryOptions registry, RentalOptions rentals) {

    /** @throws IllegalArgumentException naming the first setting that is wrong */
    public static RegistrySettings from(RegistryConfig config) {
        return new RegistrySettings(RegistryOptions.from(config), RentalOptions.from(config));
    }
}
