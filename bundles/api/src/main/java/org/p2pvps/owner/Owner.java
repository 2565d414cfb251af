package org.p2pvps.owner;

import java.time.Instant;

/**
 * An account that owns devices. The password hash never leaves the registry.
 *
 * @param id stable owner id
 * @param email the owner's e-mail address, lower case; unique
 * @param createdAt when the account was created
 */
public record Owner(String id, String email, Instant createdAt) {
}
