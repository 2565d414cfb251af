package org.p2pvps.registry.internal.rest;

/** Reads the token out of an {@code Authorization: Bearer <token>} header. */
final class Bearer {

    private static final String PREFIX = "bearer ";

    private Bearer() {
    }

    /** @return the token, or {@code null} when the header is absent or not a bearer header */
    static String token(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = authorization.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
