package org.p2pvps.sshgateway.internal.cipher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;

/**
 * Our chacha20-poly1305@openssh.com factory, chosen once per setting of {@code chacha20.openssl} for every start
 * of the gateway: a restart or a start retried every few seconds neither loads and tests OpenSSL again (nor makes
 * another cleaner thread) nor logs the choice again.
 */
public final class ChaCha20Poly1305Choice {

    private final Map<Boolean, ChaCha20Poly1305Factory> chosen = new ConcurrentHashMap<>();

    /**
     * @param openSsl whether our cipher may run on the OS's OpenSSL (the gateway's {@code chacha20.openssl})
     * @return the list with Apache SSHD's chacha20-poly1305 replaced by ours, at the same preference
     */
    public List<NamedFactory<Cipher>> replacing(List<NamedFactory<Cipher>> factories, boolean openSsl) {
        ChaCha20Poly1305Factory ours = chosen.computeIfAbsent(openSsl, allowed -> {
            ChaCha20Poly1305Factory fastest = ChaCha20Poly1305Factory.fastest(allowed);
            fastest.announce(allowed);
            return fastest;
        });
        return factories.stream()
                .map(factory -> ours.getName().equals(factory.getName()) ? ours : factory)
                .toList();
    }
}
