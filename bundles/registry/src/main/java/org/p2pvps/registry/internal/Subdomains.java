package org.p2pvps.registry.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

/**
 * Subdomain names for devices: a readable part from the device name and a random suffix, always a
 * valid DNS label ({@code [a-z0-9-]}, at most 63 characters, no leading or trailing hyphen).
 */
public final class Subdomains {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int SUFFIX_LENGTH = 6;
    private static final int MAX_READABLE_LENGTH = 40;

    private Subdomains() {
    }

    public static String forName(String deviceName, Random random) {
        String readable = readable(deviceName);
        StringBuilder name = new StringBuilder(readable.isEmpty() ? "device" : readable).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    static String readable(String deviceName) {
        String ascii = Normalizer.normalize(deviceName == null ? "" : deviceName, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_READABLE_LENGTH) {
            ascii = ascii.substring(0, MAX_READABLE_LENGTH).replaceAll("-+$", "");
        }
        return ascii;
    }
}
