package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes each authenticated session with a {@code keepalive@openssh.com} global request that wants a reply
 * (any reply, even OpenSSH's "unknown request" failure, proves the device alive) and closes a session that
 * leaves {@code maxMissed} probes in a row unanswered: a device whose network vanished frees its tunnel
 * port within interval x misses, not after TCP's quarter of an hour.
 */
final class KeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);
    private static final String REQUEST = "keepalive@openssh.com";
    private static final AttributeKey<ScheduledFuture<?>> PROBES = new AttributeKey<>();

    private final Duration interval;
    private final int maxMissed;

    KeepAlive(Duration interval, int maxMissed) {
        this.interval = interval;
        this.maxMissed = maxMissed;
    }

    void start(Session session) {
        if (interval.isZero()) {
            return;
        }
        AtomicInteger missed = new AtomicInteger();
        ScheduledFuture<?> probes = session.getFactoryManager().getScheduledExecutorService().scheduleAtFixedRate(
                () -> probe(session, missed), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        session.setAttribute(PROBES, probes);
    }

    void stop(Session session) {
        ScheduledFuture<?> probes = session.removeAttribute(PROBES);
        if (probes != null) {
            probes.cancel(false);
        }
    }

    private void probe(Session session, AtomicInteger missed) {
        if (!session.isOpen()) {
            stop(session);
            return;
        }
        if (missed.incrementAndGet() > maxMissed) {
            LOG.info("Closing session of {} from {}: {} keep-alive probes unanswered", session.getUsername(),
                    session.getRemoteAddress(), maxMissed);
            stop(session);
            session.close(true);
            return;
        }
        try {
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, REQUEST.length() + 16);
            buffer.putString(REQUEST);
            buffer.putBoolean(true);
            session.request(buffer, REQUEST, (cmd, reply) -> missed.set(0));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Keep-alive probe to {} failed; closing its session", session.getRemoteAddress(), e);
            stop(session);
            session.close(true);
        }
    }
}
