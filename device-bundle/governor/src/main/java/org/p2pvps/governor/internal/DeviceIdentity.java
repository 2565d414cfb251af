package org.p2pvps.governor.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The device's Ed25519 key pair: made once, kept in OpenSSH format in {@code <data>/device_ed25519}
 * (0600, readable by {@code ssh -i} too), its public half is what the server binds at registration.
 */
record DeviceIdentity(KeyPair keyPair, String publicKey, String fingerprint) {

    static final String FILE = "device_ed25519";

    static DeviceIdentity loadOrCreate(Path dataDir, String comment) throws IOException {
        Path file = dataDir.resolve(FILE);
        KeyPair keyPair;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), in, null).iterator();
                if (!keys.hasNext()) {
                    throw new IOException(file + " holds no key pair");
                }
                keyPair = keys.next();
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read the device key " + file + ": " + e.getMessage(), e);
            }
        } else {
            try {
                keyPair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, null, out);
                PrivateFiles.createNew(file, out.toByteArray());
                PrivateFiles.write(dataDir.resolve(FILE + ".pub"),
                        PublicKeyEntry.toString(keyPair.getPublic()) + " " + comment + "\n");
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot make an Ed25519 key (is net.i2p EdDSA installed?): " + e.getMessage(), e);
            }
        }
        return new DeviceIdentity(keyPair, PublicKeyEntry.toString(keyPair.getPublic()) + " " + comment,
                KeyUtils.getFingerPrint(keyPair.getPublic()));
    }
}
