package org.p2pvps.governor.internal.localsshd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.commons.codec.digest.Sha2Crypt;

/** Checks a password against a crypt(3) SHA-512 hash ({@code $6$[rounds=N$]salt$hash}), as {@code chpasswd -e} takes it. */
final class CryptPassword {

    private CryptPassword() {
    }

    static boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$6$")) {
            return false;
        }
        String computed;
        try {
            // Sha2Crypt takes the salt (and rounds) from the leading part of a complete hash
            computed = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }
}
