package org.p2pvps.sshgateway.internal;

import java.util.concurrent.RejectedExecutionException;

import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.forward.ChannelToPortHandler;
import org.apache.sshd.common.io.IoSession;
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
 * The check looks the registry up, so it runs on a thread of {@link JumpChecks}, not on the event loop of the
 * renter's connection (a wait there would hold every connection of the loop); the channel is confirmed or refused
 * when it is done, and the connection to the tunnel is still served by the renter's loop.
 */
final class JumpChannel extends TcpipServerChannel {

    private static final Logger LOG = LoggerFactory.getLogger(JumpChannel.class);

    private final JumpTargets targets;
    private final SessionRenter renter;
    private final JumpChecks checks;
    /** The connection to the device's tunnel once made (see {@link #preClose}). */
    private volatile IoSession tunnelConnection;

    JumpChannel(JumpTargets targets, SessionRenter renter, CloseableExecutorService executor, JumpChecks checks) {
        super(TcpForwardingFilter.Type.Direct, executor);
        this.targets = targets;
        this.renter = renter;
        this.checks = checks;
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
            checks.execute(renter.grant().rentalId(), () -> {
                try {
                    open(opened, host, port, originator, originatorPort);
                } catch (RuntimeException | Error e) { // answered, or the renter's channel would wait until it gives up
                    LOG.warn("Jump of renter {} to {}:{} failed", renter.grant().login(), host, port, e);
                    try {
                        opened.setException(e);
                        close(true);
                    } finally {
                        if (e instanceof Error error) {
                            throw error;
                        }
                    }
                }
            });
        } catch (RejectedExecutionException busy) {
            refuse(opened, host, port, SshConstants.SSH_OPEN_RESOURCE_SHORTAGE,
                    busy.getMessage() + "; try again shortly");
        }
        return opened;
    }

    private void open(DefaultOpenFuture opened, String host, int port, String originator, int originatorPort) {
        if (!isOpen()) { // the renter's connection went while the jump waited: nobody to answer
            return;
        }
        JumpTargets.Decision decision = targets.resolve(renter.grant(), host, port);
        if (decision.target() == null) {
            refuse(opened, host, port, SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "not allowed: " + decision.refusal());
            return;
        }
        if (!isOpen()) { // it went while the registry answered: no connection to the device for it
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
            if (done.isOpened()) {
                opened.setOpened();
            } else {
                opened.setException(done.getException());
            }
        });
    }

    /** The connection to the device's tunnel is made: it is closed at once if the channel closed meanwhile. */
    @Override
    protected ChannelToPortHandler createChannelToPortHandler(IoSession connection) {
        tunnelConnection = connection;
        if (isClosing()) { // see preClose
            connection.close(true);
        }
        return super.createChannelToPortHandler(connection);
    }

    /**
     * Apache SSHD's clean-up closes the connection to the tunnel through the channel's connector, which a jump makes
     * later, on another thread: the clean-up may find none. Of this and the check when the connection is made,
     * whichever comes second sees the other's write and closes the connection (gracefully here: what the renter sent
     * still goes to the device).
     */
    @Override
    protected void preClose() {
        IoSession connection = tunnelConnection;
        if (connection != null) {
            connection.close(false);
        }
        super.preClose();
    }

    /**
     * The channel is refused and given back to the session, whose channels are limited. Not closed: it has nothing to
     * close, and Apache SSHD's close would start a clean-up thread (kept a minute) for a connector it never made.
     */
    private void refuse(DefaultOpenFuture opened, String host, int port, int reason, String message) {
        LOG.info("Refused jump of renter {} (rental {}) to {}:{}: {}", renter.grant().login(),
                renter.grant().rentalId(), host, port, message);
        opened.setException(new SshChannelOpenException(getChannelId(), reason, message));
        service.unregisterChannel(this);
    }
}
