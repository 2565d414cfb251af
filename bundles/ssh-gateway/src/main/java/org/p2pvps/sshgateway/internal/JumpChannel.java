package org.p2pvps.sshgateway.internal;

import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A renter's {@code direct-tcpip} channel: the requested host and port are checked against the rental
 * and replaced by the device's tunnel address before Apache SSHD connects, so a renter reaches its
 * rented device's SSH and nothing else. The renter's SSH stays end to end with the device's sshd.
 */
final class JumpChannel extends TcpipServerChannel {

    private static final Logger LOG = LoggerFactory.getLogger(JumpChannel.class);

    private final JumpTargets targets;
    private final SessionRenter renter;

    JumpChannel(JumpTargets targets, SessionRenter renter, CloseableExecutorService executor) {
        super(TcpForwardingFilter.Type.Direct, executor);
        this.targets = targets;
        this.renter = renter;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        // direct-tcpip request: host to connect, port to connect, originator address, originator port
        String host = buffer.getString();
        int port = buffer.getInt();
        String originator = buffer.getString();
        int originatorPort = buffer.getInt();
        JumpTargets.Decision decision = targets.resolve(renter.grant(), host, port);
        if (decision.target() == null) {
            LOG.info("Refused jump of renter {} (rental {}) to {}:{}: {}", renter.grant().login(),
                    renter.grant().rentalId(), host, port, decision.refusal());
            DefaultOpenFuture refused = new DefaultOpenFuture(this, new Object());
            refused.setException(new SshChannelOpenException(getChannelId(),
                    SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "not allowed: " + decision.refusal()));
            return refused;
        }
        LOG.info("Renter {} (rental {}) jumps to device {}", renter.grant().login(), renter.grant().rentalId(),
                renter.grant().deviceId());
        Buffer rewritten = new ByteArrayBuffer();
        rewritten.putString(decision.target().getHostName());
        rewritten.putInt(decision.target().getPort());
        rewritten.putString(originator);
        rewritten.putInt(originatorPort);
        return super.doInit(rewritten);
    }
}
