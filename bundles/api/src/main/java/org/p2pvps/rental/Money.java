package org.p2pvps.rental;

/**
 * An amount in minor units (cents, satoshis) of a currency.
 *
 * @param amount the amount in minor units, never negative
 * @param currency ISO 4217 code or crypto ticker
 */
public record Money(long amount, String currency) {

    public Money {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }
}
