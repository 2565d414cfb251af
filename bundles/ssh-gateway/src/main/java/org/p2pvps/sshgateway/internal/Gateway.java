package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.sshd.common.cipher.CipherInformation;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.GenericUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.p2pvps.device.Device;
import org.p2pvps.device.TunnelStatus;
import org.p2pvps.gateway.Tunnel;
import org.p2pvps.rental.RenterGrant;
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305Choice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH gateway: an Apache SSHD server where devices log in with their key and hold the reverse tunnel
 * of their own port, and nothing else. A plain object (the DS component wraps it), so tests start one with
 * {@code new}.
 */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    static final int RENTER_CHECK_SECONDS = 2;
    /** How long a login, forward or jump check waits for the registry's answer (see {@link RegistryCalls}). */
    private static final Duration REGISTRY_ANSWER_WAIT = Duration.ofSeconds(2);
    /** How often a registry that did not answer is asked again. */
    private static final Duration REGISTRY_PROBE_EVERY = Duration.ofSeconds(5);
    /** Login checks under way at once; each may wait for the registry, whose own calls are limited too. */
    private static final int LOGIN_THREADS = 4;
    /**
     * Jump checks under way at once, and waiting for a thread (beyond that, or beyond {@link JumpChecks#PER_RENTAL}
     * for its rental, a jump is refused: resource shortage).
     */
    private static final int JUMP_THREADS = 2;
    private static final int JUMP_QUEUE = 64;
    /** How long a gateway that could not start waits for what it had started to close. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** A device id the registry does not know: looking it up says whether the registry answers. */
    private static final String PROBE_DEVICE_ID = "p2pvps-registry-probe";

    private final ChaCha20Poly1305Choice chaCha;
    private final GatewayOptions options;
    private final DeviceDirectory registryDevices;
    private final Supplier<Optional<TunnelStatus>> status;
    private final Renters registryRenters;
    private final Duration registryAnswerWait;
    private final Duration registryProbeEvery;
    private RegistryCalls registry;
    private Renters renters;
    private ExecutorService reports;
    private ThreadPoolExecutor loginLookups;
    private ThreadPoolExecutor jumpLookups;
    private ScheduledExecutorService renterCheck;
    private SshServer server;
    private Tunnels tunnels;
    private SessionGuard guard;
    private String fingerprint;

    /** @param chaCha our chacha20-poly1305, chosen once for all starts of the gateway */
    Gateway(GatewayOptions options, DeviceDirectory devices, Supplier<Optional<TunnelStatus>> status,
            Renters renters, ChaCha20Poly1305Choice chaCha) {
        this(options, devices, status, renters, chaCha, REGISTRY_ANSWER_WAIT, REGISTRY_PROBE_EVERY);
    }

    /** @param registryAnswerWait, registryProbeEvery see {@link RegistryCalls} */
    Gateway(GatewayOptions options, DeviceDirectory devices, Supplier<Optional<TunnelStatus>> status,
            Renters renters, ChaCha20Poly1305Choice chaCha, Duration registryAnswerWait, Duration registryProbeEvery) {
        this.options = options;
        this.chaCha = chaCha;
        this.registryDevices = devices;
        this.status = status;
        this.registryRenters = renters;
        this.registryAnswerWait = registryAnswerWait;
        this.registryProbeEvery = registryProbeEvery;
    }

    void start() throws IOException {
        registry = new RegistryCalls(registryAnswerWait, registryProbeEvery,
                () -> registryDevices.find(PROBE_DEVICE_ID));
        DeviceDirectory devices = new AskedDevices(registryDevices, registry);
        renters = new AskedRenters(registryRenters, registry);
        reports = Executors.newSingleThreadExecutor(r -> new Thread(r, "p2pvps-ssh-gateway-status"));
        tunnels = new Tunnels(status, reports, Clock.systemUTC());
        guard = new SessionGuard(options.maxUnauthenticated(), options.maxSessionsPerDevice(), tunnels,
                new KeepAlive(options.keepAlive(), options.keepAliveMaxMissed()));
        SimpleGeneratorHostKeyProvider hostKey = hostKey(options.hostKeyFile());

        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(options.listenAddress());
        sshd.setPort(options.listenPort());
        sshd.setKeyPairProvider(hostKey);
        // Apache SSHD's own chacha20-poly1305 costs 3x OpenSSH's CPU per byte; stock OpenSSH clients pick it first
        sshd.setCipherFactories(chaCha.replacing(sshd.getCipherFactories(), options.chacha20OpenSsl()));
        // devices: public key only; jump-host renters: their rental's key or password
        RenterAuthenticator authenticator = new RenterAuthenticator(new DeviceAuthenticator(devices), renters);
        // at most one check is under way per connection still authenticating: room for one per such connection
        loginLookups = lookupThreads("p2pvps-ssh-gateway-logins", LOGIN_THREADS, options.maxUnauthenticated());
        jumpLookups = lookupThreads("p2pvps-ssh-gateway-jumps", JUMP_THREADS, JUMP_QUEUE);
        OffLoopLogins logins = new OffLoopLogins(authenticator, loginLookups);
        sshd.setUserAuthFactories(List.of(logins.publicKeyMethod(), UserAuthPasswordFactory.INSTANCE));
        sshd.setPublickeyAuthenticator(authenticator); // asked on a login thread (OffLoopLogins)
        sshd.setPasswordAuthenticator(logins);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setSubsystemFactories(List.of());
        JumpTargets jumpTargets = new JumpTargets(devices, renters, options.renterBindAddress());
        sshd.setChannelFactories(List.of(new JumpChannelFactory(jumpTargets, new JumpChecks(jumpLookups))));
        sshd.setForwardingFilter(new DevicePolicy(devices, tunnels, jumpTargets));
        sshd.setForwarderFactory(service -> new TunnelForwarder(service, tunnels, options.renterBindAddress()));
        // one thread serves each connection; renters that half-close still get the device's reply (see EventLoops)
        sshd.setIoServiceFactoryFactory(EventLoops.factory(
                options.nioWorkers() > 0 ? options.nioWorkers() : Runtime.getRuntime().availableProcessors()));
        sshd.addSessionListener(guard);

        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, options.authTimeout());
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, options.idleTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, options.maxAuthAttempts());
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(sshd, options.maxChannelsPerSession());
        CoreModuleProperties.WINDOW_SIZE.set(sshd, (long) options.channelWindowBytes());
        CoreModuleProperties.MAX_PACKET_SIZE.set(sshd, (long) options.channelPacketBytes());
        CoreModuleProperties.REKEY_BYTES_LIMIT.set(sshd, options.rekeyLimitBytes());
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "p2pvps");
        // Looked up at every socket read and write: set here, the look-up ends here instead of in the system
        // properties. No write timeout on SSH connections, as in OpenSSH: keep-alive closes a peer that stopped
        // reading, and a write that cannot go out at once no longer arms a timer on the JDK's timeout thread (a
        // thread wake-up per such write). Tunnel-port connections keep one (EventLoops).
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(sshd, Duration.ZERO);
        CoreModuleProperties.NIO2_MIN_WRITE_TIMEOUT.set(sshd, Duration.ZERO);

        // Apache SSHD finds its I/O back-end and security providers through the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SshServer.class.getClassLoader());
        try {
            fingerprint = fingerprint(hostKey);
            sshd.start();
        } catch (IOException | RuntimeException e) {
            // its event loops and any address already bound, or every retry would leak them (stop() does nothing
            // for a server that never started)
            try {
                sshd.close(true).await(STOP_WAIT);
            } catch (IOException closeFailed) {
                e.addSuppressed(closeFailed);
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        server = sshd;
        tunnels.reportAll();
        renterCheck = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "p2pvps-ssh-gateway-renters"));
        renterCheck.scheduleWithFixedDelay(this::closeEndedRentals, RENTER_CHECK_SECONDS, RENTER_CHECK_SECONDS,
                TimeUnit.SECONDS);
        LOG.info("SSH gateway listening on {}:{} (host key {}); tunnel ports bound on {}", options.listenAddress(),
                sshd.getPort(), fingerprint, options.renterBindAddress());
    }

    /**
     * Threads for what waits for the registry, off the event loops: logins ({@link OffLoopLogins}) and jumps
     * ({@link JumpChannel}); at most {@code queue} tasks wait for one.
     */
    private static ThreadPoolExecutor lookupThreads(String name, int count, int queue) {
        AtomicInteger created = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread thread = new Thread(r, name + "-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    void stop() {
        if (renterCheck != null) {
            renterCheck.shutdownNow();
        }
        if (registry != null) {
            registry.close();
        }
        SshServer sshd = server;
        server = null;
        if (sshd != null) {
            try {
                sshd.stop(true);
            } catch (IOException e) {
                LOG.warn("SSH gateway did not stop cleanly", e);
            }
            LOG.info("SSH gateway on port {} stopped", sshd.getPort());
        }
        // after the server: no login or jump is left to answer
        if (loginLookups != null) {
            loginLookups.shutdownNow();
        }
        if (jumpLookups != null) {
            jumpLookups.shutdownNow();
        }
        if (reports != null) {
            reports.execute(() -> status.get().ifPresent(TunnelStatus::noTunnels));
            reports.shutdown();
            try {
                if (!reports.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Tunnel state changes still unrecorded after 5 s; dropping them");
                    reports.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reports.shutdownNow();
            }
        }
    }

    /** A renter's open channels end within this long of its rental's end. */
    private void closeEndedRentals() {
        SshServer sshd = server;
        if (sshd == null) {
            return;
        }
        try {
            for (Session session : sshd.getActiveSessions()) {
                SessionRenter renter = SessionRenter.of(session);
                if (renter != null && !stillActive(renter, session)) {
                    LOG.info("Rental {} has ended; closing its renter's jump-host session from {}",
                            renter.grant().rentalId(), session.getRemoteAddress());
                    session.close(true);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking renter sessions failed; trying again in {} s: {}", RENTER_CHECK_SECONDS, e.toString());
        }
    }

    /**
     * Asks the registry, and keeps its latest grant on the session (a renewal moves its end); while the registry does
     * not answer, the grant's own end decides.
     */
    private boolean stillActive(SessionRenter renter, Session session) {
        try {
            Optional<RenterGrant> now = renters.active(renter.grant().rentalId());
            now.ifPresent(grant -> new SessionRenter(grant).attachTo(session));
            return now.isPresent();
        } catch (RegistryCalls.RegistryAway e) {
            return renter.grant().expiresAt().isAfter(Instant.now());
        } catch (RuntimeException e) { // one odd rental: the other sessions are still checked
            LOG.warn("Rental {} could not be checked: {}; its jump session ends at {} unless the registry says "
                    + "otherwise", renter.grant().rentalId(), e.toString(), renter.grant().expiresAt());
            return renter.grant().expiresAt().isAfter(Instant.now());
        }
    }

    int port() {
        return server == null ? options.listenPort() : server.getPort();
    }

    String hostKeyFingerprint() {
        return fingerprint;
    }

    List<Tunnel> tunnels() {
        return tunnels.list();
    }

    Optional<Tunnel> tunnel(String deviceId) {
        return tunnels.find(deviceId);
    }

    boolean kick(String deviceId) {
        List<ServerSession> sessions = tunnels.sessionsOf(deviceId);
        for (ServerSession session : sessions) {
            LOG.info("Kicking device {} (session from {})", deviceId, session.getClientAddress());
            session.close(true);
        }
        return !sessions.isEmpty();
    }

    /** Sends {@link CheckInRequest} on each of the device's sessions. */
    boolean requestCheckIn(String deviceId) {
        List<ServerSession> sessions = tunnels.sessionsOf(deviceId);
        for (ServerSession session : sessions) {
            CheckInRequest.send(session);
        }
        return !sessions.isEmpty();
    }

    /** The device registered again: sessions that logged in with another key than its bound one are closed. */
    void kickIfKeyChanged(String deviceId) {
        String bound = registryDevices.find(deviceId).map(Device::keyFingerprint).orElse(null); // not an SSH thread
        for (ServerSession session : tunnels.sessionsOf(deviceId)) {
            SessionDevice device = SessionDevice.of(session);
            if (device == null || !device.keyFingerprint().equals(bound)) {
                LOG.info("Device {} registered a new key; closing its session from {}", deviceId,
                        session.getClientAddress());
                session.close(true);
            }
        }
    }

    /** The registry (re)appeared; tell it which tunnels are up. */
    void statusAvailable() {
        if (tunnels != null) {
            tunnels.reportAll();
        }
    }

    /** @return sessions still authenticating; for the limit's tests */
    int pendingSessions() {
        return guard.pending();
    }

    /** @return the device's open SSH sessions, for operator tools and tests */
    List<InetSocketAddress> sessionsOf(String deviceId) {
        return tunnels.sessionsOf(deviceId).stream().map(Session::getRemoteAddress)
                .map(InetSocketAddress.class::cast).toList();
    }

    /** @return the ciphers the device's sessions run now, incoming and outgoing; for tests */
    List<CipherInformation> ciphersOf(String deviceId) {
        return tunnels.sessionsOf(deviceId).stream()
                .flatMap(session -> Stream.of(session.getCipherInformation(true), session.getCipherInformation(false)))
                .toList();
    }

    private static SimpleGeneratorHostKeyProvider hostKey(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("No POSIX permissions for {}", dir);
            }
        }
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        return provider;
    }

    private static String fingerprint(SimpleGeneratorHostKeyProvider hostKey) throws IOException {
        KeyPair keys = GenericUtils.head(hostKey.loadKeys(null));
        if (keys == null) {
            throw new IOException("cannot read or create the host key " + hostKey.getPath());
        }
        return KeyUtils.getFingerPrint(keys.getPublic());
    }
}
