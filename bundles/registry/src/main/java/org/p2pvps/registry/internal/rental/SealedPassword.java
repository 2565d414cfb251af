package org.p2pvps.registry.internal.rental;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.p2pvps.registry.internal.Secrets;

/**
 * The renter's clear password, kept encrypted (AES-GCM) under a key derived from the renter's
 * rental token. The server stores only the token's hash, so it can show the password to whoever
 * presents the token and to nobody else: a copy of the database reveals no password.
 */
final class SealedPassword {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_CONTEXT = "p2pvps rental password v1\0".getBytes(StandardCharsets.UTF_8);

    private SealedPassword() {
    }

    static String seal(String password, String rentalToken, SecureRandom random) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key(rentalToken), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    /** @return the password, or {@code null} when the token is not the one it was sealed with */
    static String open(String sealed, String rentalToken) {
        byte[] stored = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key(rentalToken), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    private static SecretKeySpec key(String rentalToken) {
        byte[] token = rentalToken.getBytes(StandardCharsets.UTF_8);
        byte[] material = Arrays.copyOf(KEY_CONTEXT, KEY_CONTEXT.length + token.length);
        System.arraycopy(token, 0, material, KEY_CONTEXT.length, token.length);
        return new SecretKeySpec(Secrets.sha256(material), "AES");
    }
}
