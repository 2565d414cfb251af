package org.p2pvps.registry.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/** Fresh SSH public keys in OpenSSH's one-line format, made from real key pairs. */
public final class TestKeys {

    /** A key made by {@code ssh-keygen -t ed25519}, and the fingerprint {@code ssh-keygen -lf} printed for it. */
    public static final String OPENSSH_ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/gp36FmtW9WSqnIl9EWwdGE9iXEuAEz+KUzRYmB3Xb device@example";
    public static final String OPENSSH_ED25519_FINGERPRINT = "SHA256:ElfTpDXDdb3XfCoE5Ej45oG6sb/9W6yx9p3/Hq+co9M";

    private static final KeyPairGenerator ED25519;

    static {
        try {
            ED25519 = KeyPairGenerator.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestKeys() {
    }

    public static String ed25519() {
        PublicKey key;
        synchronized (ED25519) {
            key = ED25519.generateKeyPair().getPublic();
        }
        byte[] x509 = key.getEncoded();
        // an Ed25519 SubjectPublicKeyInfo ends with the 32 raw key bytes
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob("ssh-ed25519", raw));
    }

    /** @return an SSH wire blob: each part as a length-prefixed string */
    public static byte[] blob(String type, byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            out.writeInt(name.length);
            out.write(name);
            for (byte[] part : parts) {
                out.writeInt(part.length);
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
