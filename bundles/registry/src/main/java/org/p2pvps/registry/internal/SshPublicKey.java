package org.p2pvps.registry.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * A public key in OpenSSH's one-line format ({@code type base64 [comment]}), checked for shape so
 * that a bound key is always one the gateway can use.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param blob the key in SSH wire encoding
 */
public record SshPublicKey(String type, byte[] blob) {

    private static final Set<String> ACCEPTED_TYPES = Set.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");
    private static final int MAX_LENGTH = 8192;

    /** A device's key, from the registration's {@code publicKey}. */
    public static SshPublicKey parse(String line) {
        return parse(line, "publicKey");
    }

    /** @param field the request's field the line came from, named in the error */
    public static SshPublicKey parse(String line, String field) {
        if (line == null || line.isBlank()) {
            throw ApiException.invalid(field + " is required");
        }
        if (line.length() > MAX_LENGTH) {
            throw ApiException.invalid(field + " is too long");
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !ACCEPTED_TYPES.contains(parts[0])) {
            throw ApiException.invalid(field + " must be an OpenSSH public key line such as 'ssh-ed25519 AAAA...'; "
                    + "accepted types: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field + "'s key data is not valid base64");
        }
        if (!parts[0].equals(embeddedType(blob))) {
            throw ApiException.invalid(field + "'s key data does not match its type " + parts[0]);
        }
        if (parts[0].equals("ssh-ed25519") && blob.length != 4 + 11 + 4 + 32) {
            throw ApiException.invalid(field + " is not a well-formed ssh-ed25519 key");
        }
        return new SshPublicKey(parts[0], blob);
    }

    private static String embeddedType(byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        if (buffer.remaining() < 4) {
            return null;
        }
        int length = buffer.getInt();
        if (length < 1 || length > 64 || length > buffer.remaining()) {
            return null;
        }
        byte[] type = new byte[length];
        buffer.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    /** @return the key as one OpenSSH line, without a comment */
    public String openSsh() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** @return the fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:<base64, unpadded>} */
    public String fingerprint() {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(Secrets.sha256(blob));
    }
}
