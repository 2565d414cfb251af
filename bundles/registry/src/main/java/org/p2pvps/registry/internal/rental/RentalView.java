package org.p2pvps.registry.internal.rental;

import org.p2pvps.rental.Rental;

/**
 * A rental as one caller may see it.
 *
 * @param access credentials and commands, only for the renter of an active rental, else {@code null}
 */
public record RentalView(Rental rental, RenterAccess access) {
}
