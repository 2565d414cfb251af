package org.p2pvps.device;

import java.time.Instant;
import java.util.Map;

/**
 * A device as its owner and the operator see it. Secrets (tokens, their hashes) are never part of it.
 *
 * @param id stable device id; also the SSH user name the device uses at the gateway
 * @param ownerId id of the owning {@link org.p2pvps.owner.Owner}
 * @param name short name chosen by the owner
 * @param description free text chosen by the owner
 * @param currency ISO 4217 code (or a crypto ticker) the prices are in
 * @param pricing price per period in minor units of {@code currency}; only the periods offered
 * @param hardware reported hardware, {@code null} until registered
 * @param publicKey the device's SSH public key in OpenSSH format, {@code null} until registered
 * @param keyFingerprint SHA256 fingerprint of {@code publicKey}, {@code null} until registered
 * @param tunnelPort the port assigned for the device's reverse tunnel, {@code null} until registered
 * @param subdomain the subdomain assigned to the device, {@code null} until registered
 * @param createdAt when the owner created the device
 * @param registeredAt when the device last registered, {@code null} until then
 * @param lastSeen the device's last sign of life, {@code null} if never seen
 * @param tunnelConnected whether the device's reverse tunnel is up at the SSH gateway now (@since 1.0.0)
 */
public record Device(
        String id,
        String ownerId,
        String name,
        String description,
        String currency,
        Map<Period, Long> pricing,
        Hardware hardware,
        String publicKey,
        String keyFingerprint,
        Integer tunnelPort,
        String subdomain,
        Instant createdAt,
        Instant registeredAt,
        Instant lastSeen,
        boolean tunnelConnected) {

    public Device {
        pricing = Map.copyOf(pricing);
    }

    /** A device whose tunnel is not connected. */
    public Device(String id, String ownerId, String name, String description, String currency,
            Map<Period, Long> pricing, Hardware hardware, String publicKey, String keyFingerprint, Integer tunnelPort,
            String subdomain, Instant createdAt, Instant registeredAt, Instant lastSeen) {
        this(id, ownerId, name, description, currency, pricing, hardware, publicKey, keyFingerprint, tunnelPort,
                subdomain, createdAt, registeredAt, lastSeen, false);
    }

    /** @return whether the device has completed registration */
    public boolean registered() {
        return publicKey != null;
    }
}
