package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.common.session.helpers.AbstractSessionIoHandler;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on real loopback sockets: the SSH port is shared by every loop, connections to it are spread over
 * them, and a tunnel port's connections are served by the loop of the connection that carries them.
 */
class EventLoopsTest {

    private static final int LOOPS = 2;
    /** With two loops, the kernel puts all of them on one loop about once in 2^15 runs. */
    private static final int DEVICES = 16;

    private final SshServer server = SshServer.setUpDefaultServer();
    private final IoServiceFactory loops = EventLoops.factory(LOOPS).create(server);
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        loops.close(true);
    }

    @Test
    void theSshPortIsServedByEveryLoopAndTheKernelSpreadsConnectionsOverThem() throws Exception {
        Recorder devices = new Recorder();
        IoAcceptor sshPort = listening(devices);
        assertThat(sshPort.getBoundAddresses()).hasSize(1);
        int port = port(sshPort);

        Set<Object> servingLoops = new HashSet<>();
        for (int i = 0; i < DEVICES; i++) {
            servingLoops.add(EventLoops.servingLoop(devices.connect(port)));
        }

        assertThat(servingLoops).doesNotContainNull().hasSize(LOOPS);
        // each acceptor files its connection after handing it to the handler
        await().atMost(Duration.ofSeconds(10)).until(() -> sshPort.getManagedSessions().size() == DEVICES);
        sshPort.unbind();
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, port)).as("still listening after unbind").isFalse();
    }

    @Test
    void aTunnelPortsConnectionsAreServedByTheLoopOfTheirCarrier() throws Exception {
        Recorder devices = new Recorder();
        IoAcceptor sshPort = listening(devices);
        for (int i = 0; i < DEVICES; i++) {
            IoSession device = devices.connect(port(sshPort));
            TunnelPortRecorder renters = new TunnelPortRecorder(device);
            IoAcceptor tunnelPort = listening(renters);

            IoSession renter = renters.connect(port(tunnelPort));

            assertThat(EventLoops.servingLoop(renter)).isSameAs(EventLoops.servingLoop(device));
            tunnelPort.close(true);
        }
    }

    @Test
    void aTunnelPortIsNotSharedASecondBindOfItFails() throws Exception {
        Recorder devices = new Recorder();
        IoSession device = devices.connect(port(listening(devices)));
        IoAcceptor tunnelPort = listening(new TunnelPortRecorder(device));
        IoAcceptor again = loops.createAcceptor(new TunnelPortRecorder(device));

        assertThatThrownBy(() -> again.bind(new InetSocketAddress(OpenSsh.LOOPBACK, port(tunnelPort))))
                .isInstanceOf(BindException.class);
    }

    @Test
    void anOutgoingConnectionIsServedByTheLoopThatAsksForIt() throws Exception {
        Recorder targets = new Recorder();
        int target = port(listening(targets));
        BlockingQueue<IoConnectFuture> outgoing = new LinkedBlockingQueue<>();
        // a connection's loop asks, as a jump-host channel does on its renter's connection
        Recorder askers = new Recorder() {
            @Override
            public void sessionCreated(IoSession session) {
                outgoing.add(loops.createConnector(new Recorder())
                        .connect(new InetSocketAddress(OpenSsh.LOOPBACK, target), null, null));
                super.sessionCreated(session);
            }
        };
        IoSession asker = askers.connect(port(listening(askers)));

        IoConnectFuture connected = outgoing.poll(10, TimeUnit.SECONDS);
        assertThat(connected).isNotNull();
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(EventLoops.servingLoop(connected.getSession())).isSameAs(EventLoops.servingLoop(asker));
        assertThat(targets.created.poll(10, TimeUnit.SECONDS)).as("the target accepted it").isNotNull();
    }

    @Test
    void anOutgoingConnectionAskedForOnAnotherThreadIsServedByTheLoopItIsAskedFor() throws Exception {
        Recorder devices = new Recorder();
        int port = port(listening(devices));
        Recorder targets = new Recorder();
        InetSocketAddress target = new InetSocketAddress(OpenSsh.LOOPBACK, port(listening(targets)));
        for (int i = 0; i < DEVICES; i++) {
            IoSession device = devices.connect(port);
            // as a jump host's look-up thread asks, on behalf of the renter's connection
            IoConnectFuture outgoing = ((EventLoops) loops).connectingFrom(device,
                    () -> loops.createConnector(new Recorder()).connect(target, null, null));

            assertThat(outgoing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(outgoing.isConnected()).isTrue();
            assertThat(EventLoops.servingLoop(outgoing.getSession())).isSameAs(EventLoops.servingLoop(device));
        }
    }

    @Test
    void everyConnectionSendsWithoutNaglesDelay() throws Exception {
        Recorder devices = new Recorder();
        int sshPort = port(listening(devices));
        IoSession device = devices.connect(sshPort);
        TunnelPortRecorder renters = new TunnelPortRecorder(device);
        IoSession renter = renters.connect(port(listening(renters)));
        IoConnectFuture outgoing = loops.createConnector(new Recorder())
                .connect(new InetSocketAddress(OpenSsh.LOOPBACK, sshPort), null, null);
        assertThat(outgoing.await(10, TimeUnit.SECONDS)).isTrue();

        for (IoSession connection : List.of(device, renter, outgoing.getSession())) {
            assertThat(((Nio2Session) connection).getSocket().getOption(StandardSocketOptions.TCP_NODELAY))
                    .as("TCP_NODELAY of %s", connection).isTrue();
        }
    }

    /** @return an acceptor of the loops listening on a free loopback port */
    private IoAcceptor listening(IoHandler handler) throws IOException {
        IoAcceptor acceptor = loops.createAcceptor(handler);
        acceptor.bind(new InetSocketAddress(OpenSsh.LOOPBACK, 0));
        return acceptor;
    }

    private static int port(IoAcceptor acceptor) {
        SocketAddress bound = acceptor.getBoundAddresses().iterator().next();
        return ((InetSocketAddress) bound).getPort();
    }

    /**
     * Records the connections its acceptor or connector creates; of the SSH port's kind (Apache SSHD's session
     * factory is one). The test's clients send nothing, so Apache SSHD's other callbacks have no session to find.
     */
    private class Recorder extends AbstractSessionIoHandler {

        final BlockingQueue<IoSession> created = new LinkedBlockingQueue<>();

        IoSession connect(int port) throws Exception {
            clients.add(new Socket(OpenSsh.LOOPBACK, port));
            IoSession session = created.poll(10, TimeUnit.SECONDS);
            assertThat(session).as("connection accepted").isNotNull();
            return session;
        }

        @Override
        public void sessionCreated(IoSession session) {
            created.add(session);
        }

        /** Never called: this handler makes no SSH sessions. */
        @Override
        protected AbstractSession createSession(IoSession session) {
            throw new UnsupportedOperationException();
        }
    }

    /** A tunnel port's handler: its connections' bytes go over the carrier. */
    private final class TunnelPortRecorder extends Recorder implements HalfCloseIoHandler {

        private final IoSession carrier;

        TunnelPortRecorder(IoSession carrier) {
            this.carrier = carrier;
        }

        @Override
        public void inputShutdown(IoSession session) {
        }

        @Override
        public IoSession carrier() {
            return carrier;
        }
    }
}
