package org.p2pvps.governor.container;

import java.time.Instant;
import java.util.List;

/**
 * What a renter's environment must offer, as the server's desired state gives it.
 *
 * @param rentalId the rental it belongs to; a different id means a different renter
 * @param login the renter's Linux user name
 * @param passwordHash the renter's password as a crypt(3) SHA-512 hash (for {@code chpasswd -e})
 * @param authorizedKeys the renter's SSH public keys, possibly none
 * @param expiresAt when the rental ends
 */
public record RenterEnvironment(String rentalId, String login, String passwordHash, List<String> authorizedKeys,
        Instant expiresAt) {

    public RenterEnvironment {
        authorizedKeys = List.copyOf(authorizedKeys);
    }

    @Override
    public String toString() {
        return "RenterEnvironment[rental=" + rentalId + ", login=" + login + ", keys=" + authorizedKeys.size() + "]";
    }
}
