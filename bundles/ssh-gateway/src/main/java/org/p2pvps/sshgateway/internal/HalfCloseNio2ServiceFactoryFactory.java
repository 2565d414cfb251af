package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;

import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2CompletionHandler;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * Apache SSHD's NIO2 transport, except that a connection whose handler is a {@link HalfCloseIoHandler} is not
 * closed when its peer shuts down its sending side: Apache SSHD 2.17's {@code Nio2Session} closes the whole
 * socket at once on end of stream, which threw away everything a device still had to send to a renter that
 * half-closed. Such a connection also hands its handler what it read as a {@link ByteArrayBuffer} over its own
 * read buffer, so the handler can forward it without a copy. Every other connection (the SSH sessions themselves,
 * outgoing connections) behaves as before.
 */
final class HalfCloseNio2ServiceFactoryFactory extends Nio2ServiceFactoryFactory {

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new Factory(manager, newExecutor(), newExecutor());
    }

    private static final class Factory extends Nio2ServiceFactory {

        Factory(FactoryManager manager, CloseableExecutorService executor, CloseableExecutorService resuming) {
            super(manager, executor, resuming);
        }

        @Override
        public Nio2Session createSession(Nio2Service service, IoHandler handler, AsynchronousSocketChannel socket,
                SocketAddress acceptanceAddress) throws Throwable {
            if (handler instanceof HalfCloseIoHandler) {
                return new HalfCloseSession(service, getFactoryManager(), handler, socket, acceptanceAddress);
            }
            return super.createSession(service, handler, socket, acceptanceAddress);
        }
    }

    /**
     * Stops reading at the peer's end of stream and tells the handler, instead of closing the socket; passes
     * what it read as a buffer over the read buffer's array (see {@link HalfCloseIoHandler}).
     */
    private static final class HalfCloseSession extends Nio2Session {

        HalfCloseSession(Nio2Service service, PropertyResolver properties, IoHandler handler,
                AsynchronousSocketChannel socket, SocketAddress acceptanceAddress) throws IOException {
            super(service, properties, handler, socket, acceptanceAddress);
        }

        @Override
        protected void handleReadCycleCompletion(ByteBuffer buffer, Readable bufferReader,
                Nio2CompletionHandler<Integer, Object> completionHandler, Integer result, Object attachment) {
            if (result >= 0) {
                // the read filled the buffer from its start (each read cycle clears it) up to its position
                ByteArrayBuffer received = new ByteArrayBuffer(buffer.array(), buffer.arrayOffset(), buffer.position(),
                        true);
                super.handleReadCycleCompletion(buffer, received, completionHandler, result, attachment);
                return;
            }
            try {
                ((HalfCloseIoHandler) getIoHandler()).inputShutdown(this);
            } catch (Throwable e) {
                exceptionCaught(e);
            }
        }
    }
}
