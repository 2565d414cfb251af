package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins checked off the gateway's event loops: a check looks the registry up (waiting up to {@link RegistryCalls}'
 * limit), and on an event loop that wait would hold every connection the loop serves, while anyone can start a
 * login. A password is checked on a thread of {@code lookups} and Apache SSHD is told the answer comes later. A
 * public-key request is run through Apache SSHD's own public-key method there, whole, since Apache SSHD checks a
 * key's signature only when its authenticator answers at once. A connection has one check under way at a time
 * (clients wait for each answer; one that does not is refused), so it holds at most one of the look-up threads.
 */
final class OffLoopLogins implements PasswordAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(OffLoopLogins.class);
    private static final String BUSY = "the gateway is busy checking other logins; try again shortly";
    /** Set while the connection's login is being checked. */
    private static final AttributeKey<AtomicBoolean> CHECKING = new AttributeKey<>();

    private final PasswordAuthenticator passwords;
    private final Executor lookups;

    /**
     * @param passwords checks a password (it may wait for the registry)
     * @param lookups   runs the checks; a login beyond its limit ({@code RejectedExecutionException}) is told to
     *                  try again
     */
    OffLoopLogins(PasswordAuthenticator passwords, Executor lookups) {
        this.passwords = passwords;
        this.lookups = lookups;
    }

    /** @return the public-key method, checking each request off the event loops */
    UserAuthPublicKeyFactory publicKeyMethod() {
        return new UserAuthPublicKeyFactory() {
            @Override
            public UserAuthPublicKey createUserAuth(ServerSession session) {
                return new CheckedOffLoop(getSignatureFactories());
            }
        };
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        return later(session, username, () -> passwords.authenticate(username, password, session));
    }

    /**
     * Runs a check on a look-up thread and throws the {@link AsyncAuthException} it will answer.
     *
     * @return false, at once, if this connection's previous check is still under way, or if no check can be queued
     *         (the connection is then told to try again)
     */
    private boolean later(ServerSession session, String username, Callable<Boolean> check) {
        AtomicBoolean checking = checkingOf(session);
        if (!checking.compareAndSet(false, true)) {
            LOG.debug("Refused a login request of '{}' from {} sent before the previous one was answered", username,
                    session.getClientAddress());
            return false;
        }
        AsyncAuthException answer = new AsyncAuthException();
        try {
            lookups.execute(() -> check(session, username, check, checking, answer));
        } catch (RejectedExecutionException busy) {
            checking.set(false);
            LOG.warn("Turned away a login of '{}' from {}: as many logins as the gateway checks at once wait already",
                    username, session.getClientAddress());
            try { // told to come back, not refused as if its key or password were wrong
                session.disconnect(SshConstants.SSH2_DISCONNECT_SERVICE_NOT_AVAILABLE, BUSY);
            } catch (IOException e) {
                LOG.debug("Could not tell {} the gateway is busy", session.getClientAddress(), e);
            }
            return false;
        }
        throw answer;
    }

    private static AtomicBoolean checkingOf(ServerSession session) {
        return session.computeAttributeIfAbsent(CHECKING, k -> new AtomicBoolean());
    }

    private static void check(ServerSession session, String username, Callable<Boolean> check,
            AtomicBoolean checking, AsyncAuthException answer) {
        Boolean authed = Boolean.FALSE;
        try {
            if (session.isOpen()) {
                authed = check.call();
            }
        } catch (Exception e) { // a signature that does not verify, a malformed request: refused, as Apache SSHD does
            LOG.debug("Refused a login of '{}' from {}", username, session.getClientAddress(), e);
        } finally {
            // null: a key query, answered "would be accepted" already, its flag cleared before (the client's next
            // request may be under way by now)
            if (authed != null) {
                checking.set(false); // before the answer goes out
                if (session.isOpen()) { // a connection that went meanwhile is not authenticated after its close
                    answer.setAuthed(authed);
                }
            }
        }
    }

    /** Apache SSHD's public-key method, run on a look-up thread. */
    private final class CheckedOffLoop extends UserAuthPublicKey {

        CheckedOffLoop(List<NamedFactory<Signature>> signatures) {
            super(signatures);
        }

        @Override
        public Boolean doAuth(Buffer buffer, boolean init) {
            Buffer request = new ByteArrayBuffer(buffer.getCompactData()); // the session reuses its buffer
            return later(getServerSession(), getUsername(), () -> super.doAuth(request, init));
        }

        /** The check is over before its answer is sent: the client's next request may come at once. */
        @Override
        protected void sendPublicKeyResponse(ServerSession session, String username, String alg, PublicKey key,
                byte[] keyBlob, int offset, int blobLen, Buffer buffer) throws Exception {
            checkingOf(session).set(false);
            super.sendPublicKeyResponse(session, username, alg, key, keyBlob, offset, blobLen, buffer);
        }
    }
}
