package org.p2pvps.shell.internal;

import java.util.List;

import org.p2pvps.rental.Rental;

/**
 * What p2pvps:rental-show tells about one rental: every field of it, since a Rental holds no secrets
 * (the renter's password and token are not part of it).
 */
final class RentalDetails {

    private RentalDetails() {
    }

    static List<Field> of(Rental rental) {
        String price = RentalTable.price(rental);
        return List.of(
                new Field("ID", rental.id()),
                new Field("Device", Formats.text(rental.deviceId())),
                new Field("Owner ID", Formats.text(rental.ownerId())),
                new Field("State", Formats.text(rental.state())),
                new Field("Period", RentalTable.periods(rental, rental.count())),
                new Field("Price", rental.selfRent() || rental.price() == null ? price : price + " (minor units)"),
                new Field("Self-rent", Formats.yesNo(rental.selfRent())),
                new Field("Contact", Formats.text(rental.contact())),
                new Field("Provider", Formats.text(rental.paymentProvider())),
                new Field("Reference", Formats.text(rental.paymentReference())),
                new Field("Login", Formats.text(rental.login())),
                new Field("Device ready", Formats.yesNo(rental.deviceReady())),
                new Field("Created", Formats.time(rental.createdAt())),
                new Field("Pay by", Formats.time(rental.payBy())),
                new Field("Activated", Formats.time(rental.activatedAt())),
                new Field("Expires", Formats.time(rental.expiresAt())),
                new Field("Pending renewal", RentalTable.periods(rental, rental.pendingRenewal())));
    }
}
