package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.PropertyResolverUtils;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2Acceptor;
import org.apache.sshd.common.io.nio2.Nio2CompletionHandler;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.session.helpers.AbstractSessionIoHandler;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The gateway's transport: Apache SSHD's NIO2 sessions, each served by one event loop, a channel group with one
 * thread of its own that waits for its connections' I/O and runs every completion itself: it reads, decrypts,
 * forwards, encrypts and writes without waking another thread (Apache SSHD's stock pool had the JDK's poller
 * thread hand each completion that was not ready at once to a pool thread). The JDK interleaves completions that
 * nest too deep with the loop's other I/O, so a busy connection does not starve the others on its loop; I/O asked
 * for from any other thread is left to the loop. Devices are spread over the loops: the SSH port has one
 * listening socket per loop, bound with {@code SO_REUSEPORT}, and the kernel gives each new connection to one of
 * them. A device's tunnel port is served by the loop of the device's own connection, an outgoing connection (the
 * jump host's) by the loop that asks for it, or that {@link #connectingFrom} names, so a renter's bytes stay on one
 * thread. Apache SSHD's one wait here, for an outgoing connection to be made, runs on a pool of its own.
 * <p>
 * One change for tunnel-port connections (their handler is a {@link HalfCloseIoHandler}): they are not closed when
 * the renter shuts down its sending side (Apache SSHD 2.17's {@code Nio2Session} closes the whole socket at once on
 * end of stream, which threw away everything the device still had to send), and they read into the middle of an
 * SSH packet's buffer and hand their handler what they read as that {@link PacketBuffer}, so the forwarded channel
 * writes its header around the data and encrypts it in place, where it would otherwise copy every read into a new
 * packet.
 */
final class EventLoops extends Nio2ServiceFactory {

    /** Session attribute: the channel group whose thread serves the connection. */
    private static final Object LOOP = new Object();
    /** Apache SSHD's default; SSH connections have none (keep-alive closes a peer that stopped reading). */
    private static final Duration TUNNEL_PORT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final List<AsynchronousChannelGroup> loops;
    private final Map<Thread, Integer> loopThreads;
    private final boolean sharedPort;
    private final EventLoopExecutor executor;
    private final PropertyResolver tunnelPortProperties;
    private final AtomicInteger nextLoop = new AtomicInteger();
    /** The loop asked to serve a connection this thread, not a loop's, asks for ({@link #connectingFrom}). */
    private final ThreadLocal<AsynchronousChannelGroup> connectingFor = new ThreadLocal<>();

    private EventLoops(FactoryManager manager, CloseableExecutorService blocking, List<AsynchronousChannelGroup> loops,
            Map<Thread, Integer> loopThreads, boolean sharedPort) {
        // Apache SSHD's factory also opens a channel group on the pool it is given: the gateway opens no channel in it
        super(manager, blocking, ThreadUtils.noClose(blocking));
        this.loops = loops;
        this.loopThreads = loopThreads;
        this.sharedPort = sharedPort;
        this.executor = new EventLoopExecutor(blocking);
        // a renter that stops reading must not hold its channel for ever: the device's close waits for the writes
        tunnelPortProperties = PropertyResolverUtils.toPropertyResolver(new ConcurrentHashMap<>(), manager);
        CoreModuleProperties.NIO2_MIN_WRITE_TIMEOUT.set(tunnelPortProperties, TUNNEL_PORT_WRITE_TIMEOUT);
    }

    /** Installs the event loops in a server: {@code count} of them, one thread each. */
    static IoServiceFactoryFactory factory(int count) {
        return new IoServiceFactoryFactory() {
            @Override
            public IoServiceFactory create(FactoryManager manager) {
                return start(manager, count);
            }

            @Override
            public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
                throw new UnsupportedOperationException("the gateway's event loops run on threads of their own");
            }
        };
    }

    private static EventLoops start(FactoryManager manager, int count) {
        CloseableExecutorService blocking = ThreadUtils.newCachedThreadPool(manager + "-blocking");
        Map<Thread, Integer> loopThreads = new ConcurrentHashMap<>();
        List<AsynchronousChannelGroup> loops = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                loops.add(loop(manager + "-loop-", i, loopThreads));
            }
            return new EventLoops(manager, blocking, loops, loopThreads, count > 1 && reusePortWorks(loops.get(0)));
        } catch (IOException e) {
            stop(loops, blocking);
            throw new UncheckedIOException("Could not start the SSH gateway's event loops", e);
        } catch (RuntimeException | Error e) {
            stop(loops, blocking);
            throw e;
        }
    }

    private static void stop(List<AsynchronousChannelGroup> loops, CloseableExecutorService blocking) {
        loops.forEach(AsynchronousChannelGroup::shutdown);
        blocking.shutdownNow();
    }

    /**
     * A channel group with one thread of its own; its threads (the JDK replaces one that a failing completion
     * ended) are filed in {@code loopThreads} under the loop's index.
     */
    private static AsynchronousChannelGroup loop(String name, int index, Map<Thread, Integer> loopThreads)
            throws IOException {
        return AsynchronousChannelGroup.withFixedThreadPool(1, task -> {
            Thread thread = new Thread(task, name + index);
            thread.setDaemon(true);
            loopThreads.put(thread, index);
            return thread;
        });
    }

    /** Without {@code SO_REUSEPORT} one loop serves the SSH port and every device. */
    private static boolean reusePortWorks(AsynchronousChannelGroup loop) throws IOException {
        try (AsynchronousServerSocketChannel probe = AsynchronousServerSocketChannel.open(loop)) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        }
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        if (handler instanceof HalfCloseIoHandler tunnelPort) {
            return autowireCreatedService(new LoopAcceptor(this, handler, loopOf(tunnelPort.carrier()), false));
        }
        if (!(handler instanceof AbstractSessionIoHandler) || !sharedPort) {
            return autowireCreatedService(new LoopAcceptor(this, handler, nextLoop(), false));
        }
        // the SSH port
        List<LoopAcceptor> perLoop = loops.stream()
                .map(loop -> new LoopAcceptor(this, handler, loop, true))
                .toList();
        return autowireCreatedService(new SharedPortAcceptor(perLoop));
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        Integer asking = loopThreads.get(Thread.currentThread());
        AsynchronousChannelGroup loop = asking != null ? loops.get(asking) : connectingFor.get();
        return autowireCreatedService(new LoopConnector(this, handler, loop != null ? loop : nextLoop()));
    }

    /**
     * Runs {@code connecting} here, and an outgoing connection it asks for is served by the loop of {@code from}, as
     * if that loop had asked: a jump host's registry look-ups run off the loops, its connection stays on the
     * renter's loop.
     */
    <T> T connectingFrom(IoSession from, Supplier<T> connecting) {
        connectingFor.set(servingLoop(from));
        try {
            return connecting.get();
        } finally {
            connectingFor.remove();
        }
    }

    /**
     * Every connection sends at once, without Nagle's algorithm: the gateway relays, and a renter's keystrokes and
     * its device's echoes must not be held behind unacknowledged data (OpenSSH sets the same on the connections it
     * forwards); in bulk transfers the gateway also spends less CPU per SSH packet without it
     * (bench/ssh-gateway/RESULTS.md, "TCP_NODELAY").
     */
    @Override
    public Nio2Session createSession(Nio2Service service, IoHandler handler, AsynchronousSocketChannel socket,
            SocketAddress acceptanceAddress) throws Throwable {
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Nio2Session session = handler instanceof HalfCloseIoHandler
                    ? new HalfCloseSession(service, tunnelPortProperties, handler, socket, acceptanceAddress)
                    : super.createSession(service, handler, socket, acceptanceAddress);
            session.setAttribute(LOOP, ((OnLoop) service).loop());
            return session;
        } catch (Throwable e) { // a peer gone already; Apache SSHD's acceptor closes only a connection with a session
            try {
                socket.close();
            } catch (IOException closeFailed) {
                e.addSuppressed(closeFailed);
            }
            throw e;
        }
    }

    private AsynchronousChannelGroup loopOf(IoSession carrier) {
        AsynchronousChannelGroup loop = carrier == null ? null : servingLoop(carrier);
        return loop != null ? loop : nextLoop();
    }

    /** @return the event loop that serves a connection, or null if none does */
    static AsynchronousChannelGroup servingLoop(IoSession session) {
        return (AsynchronousChannelGroup) session.getAttribute(LOOP);
    }

    private AsynchronousChannelGroup nextLoop() {
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    @Override
    protected void doCloseImmediately() {
        try {
            for (AsynchronousChannelGroup loop : loops) {
                loop.shutdownNow();
            }
            for (AsynchronousChannelGroup loop : loops) {
                if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("An SSH gateway event loop did not stop within 5 s");
                }
            }
        } catch (IOException e) {
            log.warn("SSH gateway event loops did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            super.doCloseImmediately();
        }
    }

    /** A service whose connections one event loop serves. */
    private interface OnLoop {
        AsynchronousChannelGroup loop();
    }

    /** Listens in one loop; on a port shared with the other loops' listeners if asked. */
    static final class LoopAcceptor extends Nio2Acceptor implements OnLoop {

        private final boolean sharedPort;

        LoopAcceptor(EventLoops loops, IoHandler handler, AsynchronousChannelGroup loop, boolean sharedPort) {
            super(loops, loops.getFactoryManager(), handler, loop, loops.executor);
            this.sharedPort = sharedPort;
        }

        @Override
        public AsynchronousChannelGroup loop() {
            return getChannelGroup();
        }

        @Override
        protected AsynchronousServerSocketChannel openAsynchronousServerSocketChannel(SocketAddress address,
                AsynchronousChannelGroup group) throws IOException {
            AsynchronousServerSocketChannel channel = super.openAsynchronousServerSocketChannel(address, group);
            if (sharedPort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            return channel;
        }
    }

    private static final class LoopConnector extends Nio2Connector implements OnLoop {

        LoopConnector(EventLoops loops, IoHandler handler, AsynchronousChannelGroup loop) {
            super(loops, loops.getFactoryManager(), handler, loop, loops.executor);
        }

        @Override
        public AsynchronousChannelGroup loop() {
            return getChannelGroup();
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
