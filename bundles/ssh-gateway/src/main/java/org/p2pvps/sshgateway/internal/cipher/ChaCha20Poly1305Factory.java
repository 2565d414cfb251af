package org.p2pvps.sshgateway.internal.cipher;

import java.security.GeneralSecurityException;
import java.util.List;
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

    /**
     * @param openSsl whether our cipher may run on the OS's OpenSSL (the gateway's {@code chacha20.openssl})
     * @return the list with Apache SSHD's chacha20-poly1305 replaced by ours, at the same preference; logs which
     *         implementation ours runs on
     */
    public static List<NamedFactory<Cipher>> replacing(List<NamedFactory<Cipher>> factories, boolean openSsl) {
        ChaCha20Poly1305Factory ours = fastest(openSsl);
        LOG.info("{} runs on {}{}", ours.getName(), ours.implementation,
                openSsl ? "" : " (OpenSSL switched off: chacha20.openssl = false)");
        return factories.stream()
                .map(factory -> ours.getName().equals(factory.getName()) ? ours : factory)
                .toList();
    }

    @Override
    public String toString() {
        return getName();
    }
}
