package org.p2pvps.registry.internal.rental;

import org.bson.Document;
import org.p2pvps.device.Period;
import org.p2pvps.registry.internal.store.OwnerStore;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalState;

/** Converts a rental document to the API's {@link Rental}; credentials and token hashes stay behind. */
final class RentalDocuments {

    private RentalDocuments() {
    }

    static Rental rental(Document d) {
        Integer pendingRenewal = d.getInteger(RentalFields.PENDING_RENEWAL);
        boolean active = RentalState.ACTIVE.name().equals(d.getString(RentalFields.STATE));
        return new Rental(
                d.getString("_id"),
                d.getString(RentalFields.DEVICE_ID),
                d.getString(RentalFields.OWNER_ID),
                Period.valueOf(d.getString(RentalFields.PERIOD)),
                d.getInteger(RentalFields.COUNT),
                new Money(d.get(RentalFields.AMOUNT, Number.class).longValue(), d.getString(RentalFields.CURRENCY)),
                RentalState.valueOf(d.getString(RentalFields.STATE)),
                d.getBoolean(RentalFields.SELF_RENT, false),
                d.getString(RentalFields.CONTACT),
                d.getString(RentalFields.PROVIDER),
                d.getString(RentalFields.PAYMENT_REFERENCE),
                active ? d.getString(RentalFields.LOGIN) : null,
                active && d.getBoolean(RentalFields.DEVICE_READY, false), // a rental over has nothing ready
                OwnerStore.instant(d, RentalFields.CREATED_AT),
                OwnerStore.instant(d, RentalFields.PAY_BY),
                OwnerStore.instant(d, RentalFields.ACTIVATED_AT),
                OwnerStore.instant(d, RentalFields.EXPIRES_AT),
                pendingRenewal == null ? 0 : pendingRenewal);
    }
}
