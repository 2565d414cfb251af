package org.p2pvps.sshgateway.internal;

import java.io.IOException;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's nudge to a device: an SSH global request without reply ({@value #NAME}) asking its governor to
 * heartbeat now, so it learns at once that a rental began or ended instead of at its next heartbeat. Peers that
 * do not know the name ignore it, as SSH asks of a request that wants no reply.
 */
final class CheckInRequest {

    /** The request's name, in the private namespace SSH gives names with an {@code @domain}. */
    static final String NAME = "check-in@p2pvps.org";

    private static final Logger LOG = LoggerFactory.getLogger(CheckInRequest.class);

    private CheckInRequest() {
    }

    static void send(ServerSession session) {
        Buffer request = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, NAME.length() + 8);
        request.putString(NAME);
        request.putBoolean(false);
        try {
            session.writePacket(request);
        } catch (IOException e) {
            LOG.debug("Check-in request to {} not sent: {}", session.getClientAddress(), e.toString());
        }
    }
}
