package org.p2pvps.sshgateway.internal.cipher;

import java.util.List;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;

/** Makes {@link ChaCha20Poly1305} ciphers under the name clients negotiate. */
public final class ChaCha20Poly1305Factory implements NamedFactory<Cipher> {

    @Override
    public String getName() {
        return ChaCha20Poly1305.NAME;
    }

    @Override
    public Cipher create() {
        return new ChaCha20Poly1305();
    }

    /** @return the list with Apache SSHD's chacha20-poly1305 replaced by ours, at the same preference */
    public static List<NamedFactory<Cipher>> replacing(List<NamedFactory<Cipher>> factories) {
        ChaCha20Poly1305Factory ours = new ChaCha20Poly1305Factory();
        return factories.stream()
                .map(factory -> ours.getName().equals(factory.getName()) ? ours : factory)
                .toList();
    }

    @Override
    public String toString() {
        return getName();
    }
}
