package org.p2pvps.registry.internal.rental;

import org.p2pvps.device.Device;
import org.p2pvps.device.Period;
import org.p2pvps.registry.internal.ApiException;
import org.p2pvps.rental.Money;

/** What renting a device for a number of periods costs. */
final class RentalPrice {

    private RentalPrice() {
    }

    /** @throws ApiException 409 when the owner does not offer that period */
    static Money of(Device device, Period period, int count) {
        Long perPeriod = device.pricing().get(period);
        if (perPeriod == null) {
            throw ApiException.conflict("device " + device.id() + " is not offered by the " + period
                    + "; it is offered by the " + device.pricing().keySet());
        }
        try {
            return new Money(Math.multiplyExact(perPeriod, count), device.currency());
        } catch (ArithmeticException e) {
            throw ApiException.invalid("count " + count + " makes the price too large");
        }
    }
}
