package org.p2pvps.sshgateway.internal;

import java.io.IOException;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's only channel type, {@code direct-tcpip}, and only for renters: a jump-host renter gets a
 * channel to its rented device's SSH ({@link JumpChannel}). Devices never open channels (no
 * {@code session}, so no shell, exec, subsystem, pty, agent or X11; no {@code direct-tcpip}, so no local
 * forwards; no {@code direct-streamlocal}).
 */
final class JumpChannelFactory extends TcpipServerChannel.TcpipFactory {

    private static final Logger LOG = LoggerFactory.getLogger(JumpChannelFactory.class);

    private final JumpTargets targets;
    private final JumpChecks checks;

    /** @param checks where a jump's registry look-ups run (see {@link JumpChannel}) */
    JumpChannelFactory(JumpTargets targets, JumpChecks checks) {
        super(TcpForwardingFilter.Type.Direct);
        this.targets = targets;
        this.checks = checks;
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        SessionRenter renter = SessionRenter.of(session);
        if (renter == null || !session.isAuthenticated()) {
            LOG.info("Refused direct-tcpip channel for {} from {}", session.getUsername(), session.getRemoteAddress());
            return null;
        }
        return new JumpChannel(targets, renter, getExecutorService(), checks);
    }
}
