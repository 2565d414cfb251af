package org.p2pvps.rental;

import java.util.Set;

/**
 * Where a rental is in its life. {@code PENDING_PAYMENT} and {@code ACTIVE} hold the device; the
 * others are final.
 */
public enum RentalState {
    /** Waiting for payment; cancelled when not paid in time. */
    PENDING_PAYMENT,
    /** Paid (or self-rented): the renter has access until it expires. */
    ACTIVE,
    /** Ran to its end. */
    EXPIRED,
    /** Ended early by the device's owner or the operator. */
    ENDED,
    /** Never became active: not paid in time, or withdrawn. */
    CANCELLED;

    /** @return whether a rental in this state may move to {@code next} */
    public boolean canBecome(RentalState next) {
        return switch (this) {
            case PENDING_PAYMENT -> Set.of(ACTIVE, CANCELLED).contains(next);
            case ACTIVE -> Set.of(EXPIRED, ENDED).contains(next);
            case EXPIRED, ENDED, CANCELLED -> false;
        };
    }

    /** @return whether the rental still holds its device */
    public boolean holdsDevice() {
        return this == PENDING_PAYMENT || this == ACTIVE;
    }
}
