package org.p2pvps.governor.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's one SSH connection to the gateway: logs in as the device with its key and asks for the
 * remote forward of its tunnel port to the renter environment's SSH port on loopback. Reconnects by
 * itself with jittered exponential backoff whenever the connection fails or drops. Owns its thread and
 * its SSH client; {@link #close()} stops both.
 */
final class Tunnel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tunnel.class);

    enum Status {
        CONNECTING, UP, DOWN
    }

    /** @param since when it entered this status; @param error why it is down, or {@code null} */
    record State(Status status, Instant since, String error) {
    }

    /** Where to connect and what to forward. */
    record Target(String host, int port, String user, int tunnelPort, int localPort) {
    }

    private final Target target;
    private final KeyPair keyPair;
    private final GatewayHostKey hostKey;
    private final Backoff backoff;
    private final Duration timeout;
    private final Clock clock;
    private final Runnable onChange;
    private final ScheduledExecutorService executor;
    private final SshClient client;
    private volatile State state;
    private volatile boolean closed;
    private ClientSession session; // only touched on the executor

    /**
     * @param onChange told (on the tunnel's thread) whenever the state changes
     * @param onCheckInRequest told (on an SSH I/O thread) when the gateway asks the device to check in now
     */
    Tunnel(Target target, KeyPair keyPair, GatewayHostKey hostKey, Backoff backoff, Duration keepAlive,
            Duration timeout, Clock clock, Runnable onChange, Runnable onCheckInRequest) {
        this.target = target;
        this.keyPair = keyPair;
        this.hostKey = hostKey;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
        this.onChange = onChange;
        this.state = new State(Status.DOWN, clock.instant(), null);
        this.executor = Threads.single("p2pvps-tunnel");
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKey);
        client.setForwardingFilter(new OnlyTheEnvironment(target.localPort()));
        client.setCipherFactories(aesGcmFirst(client.getCipherFactories()));
        List<RequestHandler<ConnectionService>> globalRequests = new ArrayList<>(client.getGlobalRequestHandlers());
        globalRequests.add(new CheckInRequestHandler(onCheckInRequest));
        client.setGlobalRequestHandlers(globalRequests);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepAlive);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        // one connection needs no pool of cores + 1 I/O threads (5 on a 4-core board); 2 keep a slow handler
        // from stalling the keepalive
        CoreModuleProperties.NIO_WORKERS.set(client, 2);
        try {
            SshdClassLoader.run(client::start);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SSH client", e);
        }
    }

    Target target() {
        return target;
    }

    State state() {
        return state;
    }

    /** Starts connecting; returns at once. */
    void start() {
        executor.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        setState(Status.CONNECTING, null);
        ClientSession s = null;
        String step = "cannot connect to the gateway " + target.host() + ":" + target.port();
        try {
            s = client.connect(target.user(), target.host(), target.port()).verify(timeout).getSession();
            s.addPublicKeyIdentity(keyPair);
            step = "the gateway did not let the device in";
            s.auth().verify(timeout);
            step = "the gateway refused the forward of port " + target.tunnelPort();
            s.startRemotePortForwarding(new SshdSocketAddress("localhost", target.tunnelPort()),
                    new SshdSocketAddress("127.0.0.1", target.localPort()));
            ClientSession up = s;
            session = up;
            up.addCloseFutureListener(f -> {
                try {
                    executor.execute(() -> dropped(up));
                } catch (RejectedExecutionException e) {
                    LOG.debug("Tunnel closed while stopping");
                }
            });
            backoff.reset();
            LOG.info("Tunnel up: {}:{} forwards port {} to 127.0.0.1:{}", target.host(), target.port(),
                    target.tunnelPort(), target.localPort());
            setState(Status.UP, null);
            if (!up.isOpen()) {
                dropped(up);
            }
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                s.close(true);
            }
            retry(reason(step, e));
        }
    }

    /** Why connecting failed, in words: Apache SSHD's messages name its futures, not the problem. */
    private String reason(String step, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "cannot reach the gateway " + target.host() + ":" + target.port() + " ("
                        + (cause.getMessage() == null ? "ConnectException" : cause.getMessage()) + ")";
            }
        }
        // Apache SSHD checks the host key during the key exchange, which ends in whichever step waits next
        String refused = hostKey.refusal();
        if (refused != null) {
            return refused + " (the log says what to do if the server's key really changed)";
        }
        Throwable innermost = e;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return step + " (" + (message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message) + ")";
    }

    private void dropped(ClientSession s) {
        if (s != session || closed) {
            return;
        }
        session = null;
        retry("connection to the gateway closed");
    }

    private void retry(String why) {
        if (closed) {
            return;
        }
        Duration delay = backoff.nextDelay();
        LOG.warn("Tunnel down ({}); reconnecting to {}:{} in {} ms", why, target.host(), target.port(), delay.toMillis());
        setState(Status.DOWN, why);
        executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void setState(Status status, String error) {
        State old = state;
        if (old.status() != status || error != null && !error.equals(old.error())) {
            state = new State(status, old.status() == status ? old.since() : clock.instant(), error);
            try {
                onChange.run();
            } catch (RuntimeException e) {
                LOG.warn("Tunnel state listener failed", e);
            }
        }
    }

    /**
     * What the gateway may open towards the device: connections arriving on the tunnel port, to the renter
     * environment's SSH port on loopback, and nothing else (Apache SSHD refuses all by default).
     */
    private static final class OnlyTheEnvironment implements ForwardingFilter {
        private final int localPort;

        OnlyTheEnvironment(int localPort) {
            this.localPort = localPort;
        }

        @Override
        public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
            return type == Type.Forwarded && address.getPort() == localPort
                    && "127.0.0.1".equals(address.getHostName());
        }

        @Override
        public boolean canListen(SshdSocketAddress address, Session session) {
            return false;
        }

        @Override
        public boolean canForwardAgent(Session session, String requestType) {
            return false;
        }

        @Override
        public boolean canForwardX11(Session session, String requestType) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Tunnel thread did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ClientSession s = session;
        if (s != null) {
            s.close(true);
        }
        client.stop();
        state = new State(Status.DOWN, clock.instant(), "stopped");
    }

    /**
     * The client's order picks the cipher. AES-GCM runs on the gateway's AES instructions; ChaCha20-Poly1305 is
     * pure Java there and costs it about 3.5x the CPU per byte (bench/ssh-gateway/RESULTS.md), and the gateway
     * carries every device. Kept on boards without AES instructions too (a Raspberry Pi 4): their software AES is
     * slower than ChaCha20, but a home uplink, not the board's cipher, bounds a tunnel's throughput there.
     * Everything else keeps its order.
     */
    static List<NamedFactory<Cipher>> aesGcmFirst(List<NamedFactory<Cipher>> ciphers) {
        List<NamedFactory<Cipher>> ordered = new ArrayList<>(ciphers);
        ordered.sort(Comparator.comparingInt(cipher -> cipher.getName().startsWith("aes") && cipher.getName().contains("gcm")
                ? 0 : 1));
        return ordered;
    }
}
