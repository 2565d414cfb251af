package org.p2pvps.sshgateway.internal;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.p2pvps.rental.RenterGrant;

/**
 * The rental a jump-host session authenticated for, kept on the session.
 *
 * @param grant what the renter may reach, as it stood at login (re-checked on every channel)
 */
record SessionRenter(RenterGrant grant) {

    private static final AttributeKey<SessionRenter> KEY = new AttributeKey<>();

    void attachTo(Session session) {
        session.setAttribute(KEY, this);
    }

    /** @return the session's renter, or {@code null} when it is not a renter's session */
    static SessionRenter of(Session session) {
        return session == null ? null : session.getAttribute(KEY);
    }
}
