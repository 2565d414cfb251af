package org.p2pvps.sshgateway.internal.cipher;

import java.util.List;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes {@link ChaCha20Poly1305} ciphers under the name clients negotiate. */
public final class ChaCha20Poly1305Factory implements NamedFactory<Cipher> {

    private static final Logger LOG = LoggerFactory.getLogger(ChaCha20Poly1305Factory.class);

    private final PayloadKeyStream payloadKeyStream = PayloadKeyStream.fastest();

    @Override
    public String getName() {
        return ChaCha20Poly1305.NAME;
    }

    @Override
    public Cipher create() {
        return new ChaCha20Poly1305(payloadKeyStream);
    }

    /**
     * @return the list with Apache SSHD's chacha20-poly1305 replaced by ours, at the same preference; logs which
     *         ChaCha20 ours runs on, so an operator sees whether the JVM's Vector API option took effect
     */
    public static List<NamedFactory<Cipher>> replacing(List<NamedFactory<Cipher>> factories) {
        ChaCha20Poly1305Factory ours = new ChaCha20Poly1305Factory();
        LOG.info("{}: payload keystream from {} ChaCha20", ours.getName(), ours.payloadKeyStream.description());
        return factories.stream()
                .map(factory -> ours.getName().equals(factory.getName()) ? ours : factory)
                .toList();
    }

    @Override
    public String toString() {
        return getName();
    }
}
