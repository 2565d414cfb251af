package org.p2pvps.sshgateway.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.forward.ChannelToPortHandler;
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
 * <p>
 * The check looks the registry up, so it runs on a thread of {@code lookups}, not on the event loop of the
 * renter's connection (a wait there would hold every connection of the loop); the channel is confirmed or refused
 * when it is done, and the connection to the tunnel is still served by the renter's loop.
 */
final class JumpChannel extends TcpipServerChannel {

    private static final Logger LOG = LoggerFactory.getLogger(JumpChannel.class);
    private static final String BUSY = "the gateway is busy checking other jumps; try again shortly";

    private final JumpTargets targets;
    private final SessionRenter renter;
    private final Executor lookups;

    JumpChannel(JumpTargets targets, SessionRenter renter, CloseableExecutorService executor, Executor lookups) {
        super(TcpForwardingFilter.Type.Direct, executor);
        this.targets = targets;
        this.renter = renter;
        this.lookups = lookups;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        // direct-tcpip request: host to connect, port to connect, originator address, originator port
        String host = buffer.getString();
        int port = buffer.getInt();
        String originator = buffer.getString();
        int originatorPort = buffer.getInt();
        DefaultOpenFuture opened = new DefaultOpenFuture(this, new Object());
        try {
            lookups.execute(() -> {
                try {
                    open(opened, host, port, originator, originatorPort);
                } catch (RuntimeException e) { // answered, or the renter's channel would wait until it gives up
                    LOG.warn("Jump of renter {} to {}:{} failed", renter.grant().login(), host, port, e);
                    opened.setException(e);
                }
            });
        } catch (RejectedExecutionException busy) {
            refuse(opened, host, port, SshConstants.SSH_OPEN_RESOURCE_SHORTAGE, BUSY);
        }
        return opened;
    }

    private void open(DefaultOpenFuture opened, String host, int port, String originator, int originatorPort) {
        if (!isOpen()) { // the renter's connection went while the jump waited for a thread
            refuse(opened, host, port, SshConstants.SSH_OPEN_CONNECT_FAILED, "the renter's connection closed");
            return;
        }
        JumpTargets.Decision decision = targets.resolve(renter.grant(), host, port);
        if (decision.target() == null) {
            refuse(opened, host, port, SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "not allowed: " + decision.refusal());
            return;
        }
        LOG.info("Renter {} (rental {}) jumps to device {}", renter.grant().login(), renter.grant().rentalId(),
                renter.grant().deviceId());
        Buffer rewritten = new ByteArrayBuffer();
        rewritten.putString(decision.target().getHostName());
        rewritten.putInt(decision.target().getPort());
        rewritten.putString(originator);
        rewritten.putInt(originatorPort);
        EventLoops loops = (EventLoops) getSession().getFactoryManager().getIoServiceFactory();
        OpenFuture connected = loops.connectingFrom(getSession().getIoSession(), () -> super.doInit(rewritten));
        connected.addListener(done -> {
            if (!done.isOpened()) {
                opened.setException(done.getException());
                return;
            }
            // closed while it connected, before Apache SSHD's clean-up had a connection to close
            ChannelToPortHandler tunnel = getPort();
            if (isClosing() && tunnel != null) {
                tunnel.getPortSession().close(true);
            }
            opened.setOpened();
        });
    }

    private void refuse(DefaultOpenFuture opened, String host, int port, int reason, String message) {
        LOG.info("Refused jump of renter {} (rental {}) to {}:{}: {}", renter.grant().login(),
                renter.grant().rentalId(), host, port, message);
        opened.setException(new SshChannelOpenException(getChannelId(), reason, message));
    }
}
