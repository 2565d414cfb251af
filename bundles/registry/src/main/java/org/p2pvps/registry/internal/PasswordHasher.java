package org.p2pvps.registry.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Owner passwords, hashed with bcrypt (Bouncy Castle) and a random salt per password. */
public final class PasswordHasher {

    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    private final SecureRandom random;
    private final String dummyHash;

    public PasswordHasher(int cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
        this.dummyHash = hash("not-a-real-password");
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    public boolean matches(String password, String hash) {
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /** Spends the same time as a real check, so unknown e-mails cannot be told apart by timing. */
    public void matchNothing(String password) {
        OpenBSDBCrypt.checkPassword(dummyHash, password.toCharArray());
    }

    public static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }
}
