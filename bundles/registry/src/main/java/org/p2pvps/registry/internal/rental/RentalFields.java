package org.p2pvps.registry.internal.rental;

/** Field names of documents in the {@code rentals} collection. */
final class RentalFields {

    static final String DEVICE_ID = "deviceId";
    static final String OWNER_ID = "ownerId";
    static final String PERIOD = "period";
    static final String COUNT = "count";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String STATE = "state";
    static final String SELF_RENT = "selfRent";
    static final String CONTACT = "contact";
    static final String SSH_PUBLIC_KEY = "sshPublicKey";
    static final String PROVIDER = "paymentProvider";
    static final String PAYMENT_REFERENCE = "paymentReference";
    static final String RENTAL_TOKEN_HASH = "rentalTokenHash";
    static final String LOGIN = "login";
    static final String PASSWORD_HASH = "passwordHash";
    static final String PASSWORD_SEALED = "passwordSealed";
    static final String DEVICE_READY = "deviceReady";
    static final String CREATED_AT = "createdAt";
    static final String PAY_BY = "payBy";
    static final String ACTIVATED_AT = "activatedAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String PENDING_RENEWAL = "pendingRenewal";
    static final String PENDING_RENEWAL_AMOUNT = "pendingRenewalAmount";
    static final String ENDED_AT = "endedAt";
    static final String END_REASON = "endReason";
    /** Set once the device no longer points at this (finished) rental; the sweeper repairs what a crash left. */
    static final String DEVICE_RELEASED = "deviceReleased";

    private RentalFields() {
    }
}
