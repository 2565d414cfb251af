package org.p2pvps.sshgateway.internal;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * The device an SSH session authenticated as, kept on the session.
 *
 * @param deviceId the device id (the SSH user name)
 * @param keyFingerprint fingerprint of the key it authenticated with
 */
record SessionDevice(String deviceId, String keyFingerprint) {

    private static final AttributeKey<SessionDevice> KEY = new AttributeKey<>();

    void attachTo(Session session) {
        session.setAttribute(KEY, this);
    }

    /** @return the session's device, or {@code null} before it authenticated as one */
    static SessionDevice of(Session session) {
        return session == null ? null : session.getAttribute(KEY);
    }
}
