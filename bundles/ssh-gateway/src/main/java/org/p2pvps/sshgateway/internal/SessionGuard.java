package org.p2pvps.sshgateway.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session lifecycle rules: at most {@code maxUnauthenticated} connections may be authenticating at once (a
 * flood of idle connections is dropped on arrival, not queued); an authenticated device session joins the
 * device's sessions (replacing the oldest beyond the limit); a closed one leaves them and takes its tunnel
 * down.
 */
final class SessionGuard implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);
    /** Set while a session counts against the unauthenticated limit. */
    private static final AttributeKey<Boolean> PENDING = new AttributeKey<>();

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean flooded = new AtomicBoolean();
    private final int maxUnauthenticated;
    private final int maxSessionsPerDevice;
    private final Tunnels tunnels;
    private final KeepAlive keepAlive;

    SessionGuard(int maxUnauthenticated, int maxSessionsPerDevice, Tunnels tunnels, KeepAlive keepAlive) {
        this.maxUnauthenticated = maxUnauthenticated;
        this.maxSessionsPerDevice = maxSessionsPerDevice;
        this.tunnels = tunnels;
        this.keepAlive = keepAlive;
    }

    @Override
    public void sessionCreated(Session session) {
        session.setAttribute(PENDING, Boolean.TRUE);
        if (pending.incrementAndGet() > maxUnauthenticated) {
            // a flood would flood the log too: say it once per flood
            if (flooded.compareAndSet(false, true)) {
                LOG.warn("{} connections are authenticating at once; dropping new ones until fewer are "
                        + "(first dropped: {})", maxUnauthenticated, session.getRemoteAddress());
            }
            session.close(true);
        } else if (pending.get() <= maxUnauthenticated / 2) {
            flooded.set(false);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated) {
            return;
        }
        settle(session);
        SessionRenter renter = SessionRenter.of(session);
        if (renter != null && renter.grant().login().equals(session.getUsername())) {
            keepAlive.start(session); // a jump-host renter: no tunnel, only its jump channels
            return;
        }
        SessionDevice device = SessionDevice.of(session);
        if (device == null || !device.deviceId().equals(session.getUsername())
                || !(session instanceof ServerSession server)) {
            LOG.warn("Closing session from {}: authenticated as '{}' but not as that device or renter",
                    session.getRemoteAddress(), session.getUsername());
            session.close(true);
            return;
        }
        LOG.info("Device {} connected from {}", device.deviceId(), session.getRemoteAddress());
        keepAlive.start(session);
        tunnels.authenticated(device.deviceId(), server, maxSessionsPerDevice);
    }

    @Override
    public void sessionClosed(Session session) {
        settle(session);
        keepAlive.stop(session);
        if (session instanceof ServerSession server) {
            tunnels.closed(server);
        }
    }

    /** @return connections authenticating right now */
    int pending() {
        return pending.get();
    }

    private void settle(Session session) {
        if (session.removeAttribute(PENDING) != null) {
            pending.decrementAndGet();
        }
    }
}
