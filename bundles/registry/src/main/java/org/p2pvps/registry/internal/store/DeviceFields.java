package org.p2pvps.registry.internal.store;

/** Field names of documents in the {@code devices} collection. */
public final class DeviceFields {

    public static final String OWNER_ID = "ownerId";
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String CURRENCY = "currency";
    public static final String PRICING = "pricing";
    public static final String CREATED_AT = "createdAt";
    public static final String REGISTRATION_TOKEN_HASH = "registrationTokenHash";
    public static final String DEVICE_TOKEN_HASH = "deviceTokenHash";
    public static final String PUBLIC_KEY = "publicKey";
    public static final String KEY_FINGERPRINT = "keyFingerprint";
    public static final String HARDWARE = "hardware";
    public static final String TUNNEL_PORT = "tunnelPort";
    public static final String SUBDOMAIN = "subdomain";
    public static final String REGISTERED_AT = "registeredAt";
    public static final String LAST_SEEN = "lastSeen";
    public static final String STATUS = "status";
    /** Whether the device's reverse tunnel is up at the SSH gateway (reported by the gateway). */
    public static final String TUNNEL_CONNECTED = "tunnelConnected";
    /** The rental holding the device (pending or active); absent while the device is available. */
    public static final String RENTAL_ID = "rentalId";
    /** When the holding rental ends, once it is active. */
    public static final String RENTED_UNTIL = "rentedUntil";

    private DeviceFields() {
    }
}
