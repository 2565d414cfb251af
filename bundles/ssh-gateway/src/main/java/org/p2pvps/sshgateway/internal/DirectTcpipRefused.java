package org.p2pvps.sshgateway.internal;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's only channel type, {@code direct-tcpip}, and it opens nothing yet: devices never open
 * channels (no {@code session}, so no shell, exec, subsystem, pty, agent or X11; no {@code direct-tcpip}, so
 * no local forwards; no {@code direct-streamlocal}). This is where the jump-host renter path
 * ({@code ssh -J}) plugs in: a renter session, authenticated by its rental, gets a channel to its rented
 * device's port 22 carried over the device's session, and nothing else.
 */
final class DirectTcpipRefused implements ChannelFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DirectTcpipRefused.class);

    @Override
    public String getName() {
        return "direct-tcpip";
    }

    @Override
    public Channel createChannel(Session session) {
        LOG.info("Refused direct-tcpip channel for {} from {}", session.getUsername(), session.getRemoteAddress());
        return null;
    }
}
