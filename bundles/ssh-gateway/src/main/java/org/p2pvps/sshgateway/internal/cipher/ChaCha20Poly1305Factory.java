package org.p2pvps.sshgateway.internal.cipher;

import java.security.GeneralSecurityException;
import java.util.function.Supplier;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes our chacha20-poly1305@openssh.com ciphers under the name clients negotiate: on the OS's OpenSSL
 * ({@link OpenSslChaCha20Poly1305}) where it is allowed, loads and passes its known-answer test, else in Java
 * ({@link ChaCha20Poly1305} on the cheapest {@link PayloadKeyStream}).
 */
public final class ChaCha20Poly1305Factory implements NamedFactory<Cipher> {

    private static final Logger LOG = LoggerFactory.getLogger(ChaCha20Poly1305Factory.class);

    private final Supplier<Cipher> ciphers;
    private final String implementation;

    private ChaCha20Poly1305Factory(Supplier<Cipher> ciphers, String implementation) {
        this.ciphers = ciphers;
        this.implementation = implementation;
    }

    /**
     * @param openSsl whether OpenSSL may be used; when it may but cannot, says why in one WARN line
     * @return the fastest this JVM and OS offer
     */
    static ChaCha20Poly1305Factory fastest(boolean openSsl) {
        if (openSsl) {
            try {
                OpenSsl library = OpenSsl.load();
                return new ChaCha20Poly1305Factory(library::cipher, library.version() + " (through JNA)");
            } catch (GeneralSecurityException unusable) {
                LOG.warn("{}: the OS's OpenSSL is not usable, Java runs it instead: {}", ChaCha20Poly1305.NAME,
                        unusable.getMessage());
            }
        }
        PayloadKeyStream payloadKeyStream = PayloadKeyStream.fastest();
        return new ChaCha20Poly1305Factory(() -> new ChaCha20Poly1305(payloadKeyStream),
                "Java: our Poly1305, " + payloadKeyStream.description() + " ChaCha20");
    }

    @Override
    public String getName() {
        return ChaCha20Poly1305.NAME;
    }

    @Override
    public Cipher create() {
        return ciphers.get();
    }

    /** Says in the log which implementation runs. */
    void announce(boolean openSsl) {
        LOG.info("{} runs on {}{}", getName(), implementation,
                openSsl ? "" : " (OpenSSL switched off: chacha20.openssl = false)");
    }

    @Override
    public String toString() {
        return getName();
    }
}
