package org.p2pvps.sshgateway.internal;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins whose registry look-ups wait off the gateway's event loops: a look-up waits for the registry (up to
 * {@link RegistryCalls}' limit), and on an event loop that wait would hold every connection the loop serves. A
 * password is checked on a thread of {@code lookups}, and Apache SSHD is told the answer comes later. For a public
 * key that does not do: Apache SSHD checks the signature only when its authenticator answers at once. So the key
 * is looked up on a thread of {@code lookups} first, its answer kept on the session, and the request is then run
 * through Apache SSHD's own public-key check again there, now answered at once, signature check included.
 */
final class OffLoopLogins implements PasswordAuthenticator, PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(OffLoopLogins.class);
    /** Answers of the looked-up keys, by user name and key, for the rest of the session's authentication. */
    private static final AttributeKey<Map<String, Boolean>> KEY_ANSWERS = new AttributeKey<>();

    private final RenterAuthenticator logins;
    private final Executor lookups;

    OffLoopLogins(RenterAuthenticator logins, Executor lookups) {
        this.logins = logins;
        this.lookups = lookups;
    }

    /** @return the public-key method: it looks keys up off the event loops before Apache SSHD checks them */
    UserAuthPublicKeyFactory publicKeyMethod() {
        return new UserAuthPublicKeyFactory() {
            @Override
            public UserAuthPublicKey createUserAuth(ServerSession session) {
                return new LookedUpFirst(getSignatureFactories());
            }
        };
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        AsyncAuthException later = new AsyncAuthException();
        lookups.execute(() -> later.setAuthed(answer(username, session,
                () -> logins.authenticate(username, password, session))));
        throw later;
    }

    /** Apache SSHD asks this once {@link LookedUpFirst} has the answer (if not, it looks the key up now). */
    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        Boolean known = answers(session).get(answerKey(username, key));
        return known != null ? known : logins.authenticate(username, key, session);
    }

    /** @return the answer, or false if finding it failed (a bug: the client is refused, not left waiting) */
    private static boolean answer(String username, ServerSession session, BooleanSupplier lookUp) {
        try {
            return lookUp.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("Could not check the login of '{}' from {}", username, session.getClientAddress(), e);
            return false;
        }
    }

    private static Map<String, Boolean> answers(ServerSession session) {
        return session.computeAttributeIfAbsent(KEY_ANSWERS, k -> new ConcurrentHashMap<>());
    }

    private static String answerKey(String username, PublicKey key) {
        return username + ' ' + PublicKeyEntry.toString(key);
    }

    /** Apache SSHD's public-key method, run once the key's answer is known. */
    private final class LookedUpFirst extends UserAuthPublicKey {

        LookedUpFirst(List<NamedFactory<Signature>> signatures) {
            super(signatures);
        }

        @Override
        public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
            ServerSession session = getServerSession();
            String username = getUsername();
            Optional<PublicKey> key = peekKey(buffer);
            if (key.isEmpty() || answers(session).containsKey(answerKey(username, key.get()))) {
                return super.doAuth(buffer, init); // Apache SSHD refuses a malformed request itself
            }
            Buffer request = new ByteArrayBuffer(buffer.getCompactData()); // the session reuses its buffer
            AsyncAuthException later = new AsyncAuthException();
            lookups.execute(() -> {
                boolean known = answer(username, session, () -> logins.authenticate(username, key.get(), session));
                answers(session).put(answerKey(username, key.get()), known);
                try {
                    Boolean authed = super.doAuth(request, true);
                    if (authed != null) { // null: a key query, answered "would be accepted" already
                        later.setAuthed(authed);
                    }
                } catch (Exception e) { // a signature that does not verify, as Apache SSHD would refuse it
                    LOG.debug("Refused the key of '{}' from {}", username, session.getClientAddress(), e);
                    later.setAuthed(false);
                }
            });
            throw later;
        }

        /** @return the key a public-key request names, read without consuming the request */
        private Optional<PublicKey> peekKey(Buffer buffer) {
            Buffer peek = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available(), true);
            try {
                peek.getBoolean(); // signed or not
                peek.getString(); // algorithm
                int length = peek.getInt();
                if (length < 0 || length > peek.available()) {
                    return Optional.empty();
                }
                peek.wpos(peek.rpos() + length);
                return Optional.of(peek.getRawPublicKey());
            } catch (RuntimeException | SshException e) {
                return Optional.empty();
            }
        }
    }
}
