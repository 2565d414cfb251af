package org.p2pvps.governor.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.function.Consumer;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the gateway's host key: the one configured or pinned earlier; else the first one seen, which is
 * then pinned — checked against the fingerprint the server gave at registration when it gave one, trusted
 * on first use (as OpenSSH's {@code known_hosts}) when not. A different key is refused every time after.
 */
final class GatewayHostKey implements ServerKeyVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHostKey.class);

    private final Consumer<String> pin;
    private final String fingerprint;
    private volatile PublicKey expected;
    /** Why the last key offered was refused; {@code null} once one is accepted. */
    private volatile String refusal;

    /**
     * @param expected the required key as an OpenSSH public key line, {@code null} to pin the first one seen
     * @param fingerprint when {@code expected} is {@code null}: the fingerprint ({@code SHA256:...}) the first
     *        key must have, or {@code null} to trust it on first use
     * @param pin called once with the key line when it is pinned
     */
    GatewayHostKey(String expected, String fingerprint, Consumer<String> pin) throws IOException {
        this.pin = pin;
        this.fingerprint = fingerprint == null || fingerprint.isBlank() ? null : fingerprint.trim();
        this.expected = expected == null || expected.isBlank() ? null : parse(expected);
    }

    static PublicKey parse(String line) throws IOException {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line.trim()).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("'" + line + "' is not an OpenSSH public key: " + e.getMessage(), e);
        }
    }

    /** @return the fingerprint ({@code SHA256:...}) of an OpenSSH public key line, {@code null} when it is none */
    static String fingerprint(String line) {
        try {
            return KeyUtils.getFingerPrint(parse(line));
        } catch (IOException e) {
            return null;
        }
    }

    /** @return why the last key the gateway offered was refused, {@code null} when it was accepted */
    String refusal() {
        return refusal;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        PublicKey want = expected;
        if (want == null) {
            synchronized (this) {
                if (expected == null) {
                    String seen = KeyUtils.getFingerPrint(key);
                    if (fingerprint != null && !fingerprint.equals(seen)) {
                        LOG.error("Gateway {} offered host key {} but the server said its gateway has {}: refusing "
                                + "to connect", remote, seen, fingerprint);
                        refusal = "the gateway offered host key " + seen + ", not the " + fingerprint + " the server named";
                        return false;
                    }
                    refusal = null;
                    expected = key;
                    LOG.info("Gateway {} host key {} {} and pinned", remote, seen,
                            fingerprint == null ? "trusted on first use" : "matches the server's fingerprint");
                    pin.accept(PublicKeyEntry.toString(key));
                    return true;
                }
                want = expected;
            }
        }
        if (KeyUtils.compareKeys(want, key)) {
            refusal = null;
            return true;
        }
        refusal = "the gateway offered host key " + KeyUtils.getFingerPrint(key) + ", not the pinned "
                + KeyUtils.getFingerPrint(want);
        LOG.error("Gateway {} offered host key {} but {} is pinned: refusing to connect. If the server's key really "
                + "changed, remove gateway.host.key from the registration file (or set gateway.host.key in the config)",
                remote, KeyUtils.getFingerPrint(key), KeyUtils.getFingerPrint(want));
        return false;
    }
}
