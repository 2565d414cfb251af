package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;

import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2CompletionHandler;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Apache SSHD's NIO2 transport, except that a connection whose handler is a {@link HalfCloseIoHandler} is not
 * closed when its peer shuts down its sending side: Apache SSHD 2.17's {@code Nio2Session} closes the whole
 * socket at once on end of stream, which threw away everything a device still had to send to a renter that
 * half-closed. Such a connection also reads into the middle of an SSH packet's buffer and hands its handler what
 * it read as that {@link PacketBuffer}, so the forwarded channel writes its header around the data and encrypts it
 * in place, where it would otherwise copy every read into a new packet. Every other connection (the SSH sessions
 * themselves, outgoing connections) behaves as before.
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
     * what it read as an SSH packet buffer over the read buffer's array (see {@link HalfCloseIoHandler}).
     */
    private static final class HalfCloseSession extends Nio2Session {

        /**
         * Room before the data for what Apache SSHD's channel stream writes in place in a {@link PacketBuffer} that
         * it sends whole: the packet's length and padding length, SSH_MSG_CHANNEL_DATA, recipient channel, data
         * length.
         */
        private static final int PACKET_HEAD_ROOM = SshConstants.SSH_PACKET_HEADER_LEN + Byte.BYTES + 2 * Integer.BYTES;
        /**
         * Room after the data for what the session's encoder appends in place: padding (Apache SSHD pads to at
         * most two cipher blocks less one byte: 31 bytes) and the MAC or authentication tag (at most HMAC-SHA2-512's
         * 64 bytes). With less, the encoder would copy the packet into a larger array.
         */
        private static final int PACKET_TAIL_ROOM = 128;

        private final PropertyResolver properties;

        HalfCloseSession(Nio2Service service, PropertyResolver properties, IoHandler handler,
                AsynchronousSocketChannel socket, SocketAddress acceptanceAddress) throws IOException {
            super(service, properties, handler, socket, acceptanceAddress);
            this.properties = properties;
        }

        /** Reads into the data part of one packet-sized array, which every read cycle reuses. */
        @Override
        public void startReading() {
            int size = CoreModuleProperties.NIO2_READ_BUFFER_SIZE.getRequired(properties);
            byte[] packet = new byte[PACKET_HEAD_ROOM + size + PACKET_TAIL_ROOM];
            startReading(ByteBuffer.wrap(packet, PACKET_HEAD_ROOM, size).slice());
        }

        @Override
        protected void handleReadCycleCompletion(ByteBuffer buffer, Readable bufferReader,
                Nio2CompletionHandler<Integer, Object> completionHandler, Integer result, Object attachment) {
            if (result >= 0) {
                // the read filled the buffer from its start (each read cycle clears it) up to its position
                PacketBuffer received = new PacketBuffer(buffer.array(), false);
                received.wpos(buffer.arrayOffset() + buffer.position());
                received.rpos(buffer.arrayOffset());
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
