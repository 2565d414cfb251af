package org.p2pvps.rental;

/**
 * What a renter must do to pay, as a payment provider tells it.
 *
 * @param instructions a sentence for the renter
 * @param url where to pay, {@code null} if there is no such page
 * @param reference the provider's reference for this purchase (order id), may be {@code null}
 */
public record PaymentRequest(String instructions, String url, String reference) {
}
