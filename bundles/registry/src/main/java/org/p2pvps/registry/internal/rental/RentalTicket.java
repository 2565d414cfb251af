package org.p2pvps.registry.internal.rental;

import org.p2pvps.rental.PaymentRequest;
import org.p2pvps.rental.Rental;

/**
 * What a renter gets back from asking for a rental: the only time the rental token is shown.
 *
 * @param payment what to do to pay, {@code null} for a self-rent
 */
public record RentalTicket(Rental rental, String rentalToken, PaymentRequest payment) {
}
