package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;

import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.forward.TcpipClientChannel;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the bytes of renter connections on a tunnel port: what renters send in, and what is written back
 * to them. The forwarder's own handler does the work; it is handed a counting view of each connection.
 * A renter's half-close is carried to the device as the channel's EOF, which Apache SSHD's handler cannot do.
 * What a renter sends is written to the channel straight from the connection's read buffer, where Apache
 * SSHD's handler copies every read into a new array first (half of the gateway's garbage under load); that
 * buffer is an SSH packet's, so the channel builds its packet around the data in place (the other half).
 */
final class CountingIoHandler implements HalfCloseIoHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CountingIoHandler.class);

    private final IoHandler delegate;
    private final IoSession carrier;
    private final LongAdder bytesIn;
    private final LongAdder bytesOut;

    CountingIoHandler(IoHandler delegate, IoSession carrier, LongAdder bytesIn, LongAdder bytesOut) {
        this.delegate = delegate;
        this.carrier = carrier;
        this.bytesIn = bytesIn;
        this.bytesOut = bytesOut;
    }

    @Override
    public void sessionCreated(IoSession session) throws Exception {
        delegate.sessionCreated(new Counted(session, bytesOut));
    }

    @Override
    public IoSession carrier() {
        return carrier;
    }

    @Override
    public void sessionClosed(IoSession session) throws Exception {
        delegate.sessionClosed(session);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) throws Exception {
        delegate.exceptionCaught(session, cause);
    }

    /**
     * Sends the forwarded channel's EOF once what the renter sent before has gone out (the forwarder reads no
     * more until each write is done), and leaves the channel open for the device's reply: it closes the channel
     * when it is done, and the connection with it.
     */
    @Override
    public void inputShutdown(IoSession session) {
        TcpipClientChannel channel = channelOf(session);
        if (channel == null) {
            session.close(true); // no channel to the device (any more): nothing can come back
            return;
        }
        channel.getAsyncIn().close(false); // the forwarded channel's stream sends EOF when it closes gracefully
    }

    /**
     * Reading stays suspended until the channel has taken all of the data, so the read buffer it points into is
     * not overwritten before (see {@link HalfCloseIoHandler}); a connection without an open channel is left to the
     * forwarder's handler.
     */
    @Override
    public void messageReceived(IoSession session, Readable message) throws Exception {
        bytesIn.add(message.available());
        TcpipClientChannel channel = channelOf(session);
        // no stream to the device (yet, or ever: its open failed): the forwarder's handler knows what to do
        if (channel == null || channel.getAsyncIn() == null || !(message instanceof Buffer)) {
            delegate.messageReceived(session, message);
            return;
        }
        session.suspendRead();
        // as Apache SSHD's handler does: an internal thread queues its packets during a key exchange instead of
        // blocking this I/O thread until the exchange is over
        IoWriteFuture write = ThreadUtils.runAsInternal(() -> channel.getAsyncIn().writeBuffer((Buffer) message));
        write.addListener(written -> {
            Throwable failure = written.getException();
            if (failure == null) {
                session.resumeRead();
                return;
            }
            // no more reads: the packet over the read buffer may still wait in the session's re-key queue
            try {
                delegate.exceptionCaught(session, failure);
            } catch (Exception e) {
                LOG.warn("Could not close renter connection {} after its tunnel write failed", session, e);
            }
        });
    }

    /** @return the forwarded channel to the device that the forwarder attached to this connection, if any */
    private static TcpipClientChannel channelOf(IoSession session) {
        return (TcpipClientChannel) session.getAttribute(TcpipClientChannel.class);
    }

    /** The connection, counting what is written to it; everything else goes straight through. */
    private static final class Counted implements IoSession {

        private final IoSession session;
        private final LongAdder written;

        Counted(IoSession session, LongAdder written) {
            this.session = session;
            this.written = written;
        }

        @Override
        public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
            written.add(buffer.available());
            return session.writeBuffer(buffer);
        }

        @Override
        public long getId() {
            return session.getId();
        }

        @Override
        public SocketAddress getAcceptanceAddress() {
            return session.getAcceptanceAddress();
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return session.getRemoteAddress();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return session.getLocalAddress();
        }

        @Override
        public Object getAttribute(Object key) {
            return session.getAttribute(key);
        }

        @Override
        public Object setAttribute(Object key, Object value) {
            return session.setAttribute(key, value);
        }

        @Override
        public Object setAttributeIfAbsent(Object key, Object value) {
            return session.setAttributeIfAbsent(key, value);
        }

        @Override
        public Object removeAttribute(Object key) {
            return session.removeAttribute(key);
        }

        @Override
        public CloseFuture close(boolean immediately) {
            return session.close(immediately);
        }

        @Override
        public void addCloseFutureListener(SshFutureListener<CloseFuture> listener) {
            session.addCloseFutureListener(listener);
        }

        @Override
        public void removeCloseFutureListener(SshFutureListener<CloseFuture> listener) {
            session.removeCloseFutureListener(listener);
        }

        @Override
        public boolean isClosed() {
            return session.isClosed();
        }

        @Override
        public boolean isClosing() {
            return session.isClosing();
        }

        @Override
        public IoService getService() {
            return session.getService();
        }

        @Override
        public void shutdownOutputStream() throws IOException {
            session.shutdownOutputStream();
        }

        @Override
        public void suspendRead() {
            session.suspendRead();
        }

        @Override
        public void resumeRead() {
            session.resumeRead();
        }

        @Override
        public String toString() {
            return session.toString();
        }
    }
}
