package org.p2pvps.registry.internal.rental;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * A renter's login and password on the rented device. The device only ever gets the password as a
 * crypt(3) SHA-512 hash ({@code chpasswd -e} takes it as is); the renter gets it in clear.
 *
 * @param login a valid Linux user name
 * @param password the clear password
 * @param passwordHash its {@code $6$} crypt(3) hash
 */
public record RenterCredentials(String login, String password, String passwordHash) {

    static final int LOGIN_RANDOM_CHARS = 7;
    /** 24 characters of 62: about 143 bits, far beyond guessing over SSH. */
    static final int PASSWORD_LENGTH = 24;
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SALT_CHARS = ALNUM + "./";
    private static final int SALT_LENGTH = 16;

    /** @param random the entropy source; always a {@link SecureRandom} in production */
    public static RenterCredentials generate(SecureRandom random) {
        // starts with a letter and stays lowercase alphanumeric: valid for useradd everywhere
        String login = "r" + randomString(random, LOWER_ALNUM, LOGIN_RANDOM_CHARS);
        String password = randomString(random, ALNUM, PASSWORD_LENGTH);
        return new RenterCredentials(login, password, hash(password, random));
    }

    static String hash(String password, SecureRandom random) {
        return Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8),
                "$6$" + randomString(random, SALT_CHARS, SALT_LENGTH), random);
    }

    /** @return whether {@code password} is the one {@code hash} was made from (constant-time comparison) */
    static boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$6$")) {
            return false;
        }
        byte[] computed = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, hash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomString(SecureRandom random, String alphabet, int length) {
        StringBuilder chars = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            chars.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return chars.toString();
    }

    @Override
    public String toString() {
        return "RenterCredentials[login=" + login + "]";
    }
}
