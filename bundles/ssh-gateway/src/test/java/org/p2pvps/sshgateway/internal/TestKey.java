package org.p2pvps.sshgateway.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * An Ed25519 key pair made by {@code ssh-keygen}, as a device owner would make it: the private key file
 * for OpenSSH's {@code -i}, and the key pair loaded for Apache SSHD's client.
 */
record TestKey(Path privateKeyFile, String publicKey, String fingerprint, KeyPair keyPair) {

    static TestKey generate(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        OpenSsh.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file.toString());
        String publicKey = Files.readString(dir.resolve(name + ".pub"), StandardCharsets.US_ASCII).trim();
        KeyPair keyPair;
        try (var in = Files.newInputStream(file)) {
            keyPair = SecurityUtils.loadKeyPairIdentities(null, () -> name, in, null).iterator().next();
        }
        return new TestKey(file, publicKey, KeyUtils.getFingerPrint(keyPair.getPublic()), keyPair);
    }
}
