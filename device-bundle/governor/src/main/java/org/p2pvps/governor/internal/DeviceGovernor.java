package org.p2pvps.governor.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.ContainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's control loop, on one thread of its own: register once, keep the tunnel, send the
 * heartbeat and make the container driver do what the answer says. Plain object: the DS component
 * {@link GovernorComponent} only creates and closes it.
 */
final class DeviceGovernor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceGovernor.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** The least time between two steps brought forward by the gateway's check-in requests. */
    private static final Duration CHECK_IN_GAP = Duration.ofSeconds(1);
    /** How long after a rental's end the step that ends it runs: past the end by then, whatever the timer's rounding. */
    private static final Duration RENTAL_END_MARGIN = Duration.ofMillis(500);
    private static final Duration STATUS_REFRESH = Duration.ofMinutes(5);

    private final GovernorOptions options;
    private final Function<String, ContainerDriver> drivers;
    private final Clock clock;
    private final ServerApi api;
    private final ScheduledExecutorService executor;
    private final Backoff retry;
    private final Instant started;

    // all below only on the executor thread, except the volatile ones
    private DeviceIdentity identity;
    private volatile DeviceState registration;
    private String registrationProblem;
    /** Says so when the data directory holds a registration for another server or device id; else empty. */
    private String otherRegistration = "";
    /** The gateway a server over plain http named and this device did not follow (said once in the log). */
    private GatewayAddress unfollowedGateway;
    private volatile Tunnel tunnel;
    private DesiredState desired;
    private Duration clockOffset = Duration.ZERO;
    private Instant lastHeartbeat;
    private Instant lastStep; // only touched on the executor
    private String heartbeatProblem;
    private ContainerStatus container;
    private final FailureWatch failure = new FailureWatch();
    private String lastLine;
    private Instant lastStatusWrite = Instant.EPOCH;
    private ScheduledFuture<?> next;

    /** @param drivers the installed container driver of a name, or {@code null} */
    DeviceGovernor(GovernorOptions options, Function<String, ContainerDriver> drivers, Clock clock) {
        this.options = options;
        this.drivers = drivers;
        this.clock = clock;
        this.api = new ServerApi(options.apiBase(), options.httpTimeout());
        this.retry = new Backoff(options.backoffInitial(), options.backoffMax(), ThreadLocalRandom.current()::nextDouble);
        this.started = clock.instant();
        this.executor = Threads.single("p2pvps-governor");
    }

    void start() {
        submit(() -> schedule(Duration.ZERO));
    }

    /** A driver came or went: look again now. */
    void driversChanged() {
        submit(() -> schedule(Duration.ZERO));
    }

    /** Runs on the governor's thread unless it is stopping. */
    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Governor stopping; dropped a task");
        }
    }

    /** @return the registration, {@code null} before it */
    DeviceState registration() {
        return registration;
    }

    /** @return the tunnel's state, {@code null} before there is one */
    Tunnel.State tunnelState() {
        Tunnel t = tunnel;
        return t == null ? null : t.state();
    }

    private void schedule(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = executor.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Governor stopping; no next step");
        }
    }

    /**
     * The gateway said the server wants something new of this device: the next step (a heartbeat) runs now, or a
     * second after the last step began, so that however many requests come (and whether heartbeats succeed) the
     * server gets at most one call a second.
     */
    private void checkInNow() {
        Instant last = lastStep;
        Duration since = last == null ? CHECK_IN_GAP : Duration.between(last, clock.instant());
        LOG.debug("The gateway asks for a check-in");
        schedule(since.compareTo(CHECK_IN_GAP) >= 0 ? Duration.ZERO : CHECK_IN_GAP.minus(since));
    }

    private void tick() {
        lastStep = clock.instant();
        Duration delay;
        try {
            delay = registration == null && !register() ? retry.nextDelay() : heartbeatAndReconcile();
        } catch (RuntimeException e) {
            LOG.error("Governor step failed; trying again", e);
            delay = retry.nextDelay();
        }
        publishStatus();
        schedule(delay);
    }

    /** @return whether the device is registered now */
    private boolean register() {
        try {
            PrivateFiles.createDirectories(options.dataDir());
            if (identity == null) {
                identity = DeviceIdentity.loadOrCreate(options.dataDir(), "p2pvps-device-" + options.deviceId());
                LOG.info("Device key {} ({})", identity.fingerprint(), options.dataDir().resolve(DeviceIdentity.FILE));
            }
            DeviceState saved = DeviceState.load(options.dataDir());
            if (options.sameDevice(saved)) {
                registration = saved;
                LOG.info("Registered earlier with {} as {}: tunnel port {}, subdomain {}", saved.server(), saved.deviceId(),
                        saved.tunnelPort(), saved.subdomain());
                return true;
            }
            if (saved != null && otherRegistration.isEmpty()) {
                otherRegistration = "; registered earlier as " + saved.deviceId() + " with " + saved.server()
                        + " (server.url or device.id changed?)";
                LOG.warn("{} holds this device's registration as {} with {}, but the configuration names {} with {}: "
                        + "registering anew with registration.token (if server.url or device.id changed by mistake, "
                        + "set them back)", options.dataDir().resolve(DeviceState.FILE), saved.deviceId(), saved.server(),
                        options.deviceId(), options.apiBase());
            }
            if (options.registrationToken().isEmpty()) {
                LOG.warn("Not registered and no registration.token configured: set it in etc/{}.cfg", GovernorConfig.PID);
                return notRegistered("registration.token is not set");
            }
            Hardware hardware = Hardware.detect(options.dataDir());
            LOG.info("Registering with {} as {} ({} cores, {} MB memory, {} MB disk, {})", options.apiBase(),
                    options.deviceId(), hardware.cores(), hardware.memoryMb(), hardware.diskMb(), hardware.arch());
            ServerApi.Registration r = api.register(options.deviceId(), options.registrationToken(), identity.publicKey(),
                    hardware);
            DeviceState state = new DeviceState(options.apiBase().toString(), options.deviceId(), r.deviceToken(),
                    r.tunnelPort(), r.subdomain(), r.gateway().host(), r.gateway().port(),
                    r.gateway().hostKeyFingerprint(), null);
            state.save(options.dataDir());
            registration = state;
            registrationProblem = null;
            retry.reset();
            LOG.info("Registered: tunnel port {}, subdomain {}, gateway {}", r.tunnelPort(), r.subdomain(), r.gateway());
            return true;
        } catch (ServerApi.ApiException e) {
            if (e.serverTrouble()) {
                LOG.warn("The server could not answer the registration: {}; trying again", e.getMessage());
            } else {
                LOG.error("The server refused the registration: {}{}", e.getMessage(), e.refused()
                        ? " (ask the device's owner for a fresh registration token)" : "");
            }
            return notRegistered(e.getMessage());
        } catch (IOException e) {
            LOG.warn("Cannot register yet: {}", describe(e));
            return notRegistered(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the owner can do about a refused heartbeat, for the log and the status. */
    private String refusedHeartbeatHint(int status) {
        Path registrationFile = options.dataDir().resolve(DeviceState.FILE);
        return switch (status) {
            case 401 -> " (the device registered again elsewhere; to register this one again, delete " + registrationFile
                    + " and set a fresh registration.token)";
            case 404 -> " (the server has no device " + options.deviceId() + ": its owner deleted it; to offer this "
                    + "machine again, create a device, set its device.id and registration.token, and delete "
                    + registrationFile + ")";
            default -> "";
        };
    }

    /** @return {@code false}, having noted why for the status */
    private boolean notRegistered(String problem) {
        registrationProblem = problem + otherRegistration;
        return false;
    }

    /** @return when to beat next */
    private Duration heartbeatAndReconcile() {
        ContainerDriver driver = drivers.apply(options.driver());
        ensureTunnel(driver);
        container = driver == null ? new ContainerStatus(ContainerStatus.State.FAILED, null,
                "container driver '" + options.driver() + "' is not installed") : status(driver);
        Tunnel.State t = tunnelState();
        ServerApi.Report report = new ServerApi.Report(t == null ? "DOWN" : t.status().name(),
                driver == null ? "NO_DRIVER" : container.state().name(), Reconciler.appliedRentalId(container),
                Duration.between(started, clock.instant()).toSeconds(), container.message());
        boolean answered = false;
        try {
            DesiredState answer = api.heartbeat(options.deviceId(), registration.deviceToken(), report);
            if (desired == null || !desired.toString().equals(answer.toString())) {
                LOG.info("Server wants: {}", answer);
            }
            desired = answer;
            if (answer.serverTime() != null) {
                clockOffset = Duration.between(clock.instant(), answer.serverTime());
            }
            lastHeartbeat = clock.instant();
            heartbeatProblem = null;
            retry.reset();
            answered = true;
            if (answer.gateway() != null && followGateway(answer.gateway())) {
                ensureTunnel(driver);
            }
        } catch (ServerApi.ApiException e) {
            String problem = e.getMessage() + refusedHeartbeatHint(e.status);
            if (!problem.equals(heartbeatProblem)) { // once, not every interval: the status keeps saying it
                if (e.serverTrouble()) {
                    LOG.warn("The server could not answer the heartbeat: {}; trying again", problem);
                } else {
                    LOG.error("The server refused the heartbeat: {}", problem);
                }
            }
            heartbeatProblem = problem;
        } catch (IOException e) {
            heartbeatProblem = describe(e);
            LOG.warn("Heartbeat failed: {}", heartbeatProblem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_INTERVAL;
        }
        boolean failureLasted = failure.lasted(driver == null ? null : container, clock.instant(), interval());
        boolean acted = driver != null && apply(driver,
                Reconciler.decide(desired, container, failureLasted, clock.instant().plus(clockOffset)));
        if (acted) {
            container = status(driver);
        }
        if (!answered) {
            return untilRentalEnd(retry.nextDelay());
        }
        // after a change, tell the server at once what now runs (appliedRentalId)
        return acted ? Duration.ZERO : untilRentalEnd(interval());
    }

    /**
     * The next step comes no later than just after the rental's end (server time), so a renter's access ends on
     * time, not up to a heartbeat interval later, and also while the server cannot be reached.
     */
    private Duration untilRentalEnd(Duration delay) {
        Instant end = desired == null ? null : desired.expiresAt();
        if (end == null) {
            return delay;
        }
        Duration left = Duration.between(clock.instant().plus(clockOffset), end).plus(RENTAL_END_MARGIN);
        return left.isNegative() || left.compareTo(delay) >= 0 ? delay : left;
    }

    private boolean apply(ContainerDriver driver, Reconciler.Decision decision) {
        try {
            switch (decision.action()) {
                case NOTHING:
                    return false;
                case RESET:
                    LOG.info("Resetting the renter environment: {}", decision.reason());
                    driver.reset();
                    return true;
                case RESET_AND_START:
                    LOG.info("Starting a fresh renter environment: {}", decision.reason());
                    driver.reset();
                    driver.start(decision.environment());
                    LOG.info("Renter environment for rental {} is up (login {})", decision.environment().rentalId(),
                            decision.environment().login());
                    return true;
                default:
                    throw new IllegalStateException(decision.action().name());
            }
        } catch (ContainerException | RuntimeException e) {
            LOG.error("Container driver '{}' failed: {}", options.driver(), e.getMessage(), e);
            return false;
        }
    }

    private void ensureTunnel(ContainerDriver driver) {
        DeviceState reg = registration;
        if (reg == null || driver == null) {
            return;
        }
        int localPort = driver.sshPort();
        Tunnel current = tunnel;
        if (current != null && current.target().localPort() == localPort) {
            return;
        }
        if (current != null) {
            current.close();
        }
        try {
            GatewayHostKey hostKey = options.gatewayHostKey().isEmpty()
                    ? new GatewayHostKey(reg.gatewayHostKey(), reg.gatewayHostKeyFingerprint(), this::pin)
                    : new GatewayHostKey(options.gatewayHostKey(), null, this::pin);
            Tunnel created = new Tunnel(tunnelTarget(reg, localPort), identity.keyPair(), hostKey,
                    new Backoff(options.backoffInitial(), options.backoffMax(), ThreadLocalRandom.current()::nextDouble),
                    options.keepAlive(), options.httpTimeout(), clock,
                    () -> submit(this::publishStatus), () -> submit(this::checkInNow));
            tunnel = created;
            created.start();
        } catch (IOException e) {
            LOG.error("Cannot start the tunnel: {}", e.getMessage(), e);
        }
    }

    /**
     * The server names the gateway in every heartbeat answer; when the operator moved it or replaced its host key,
     * the registration's answer is stale and the device follows (the server's API, over https on a real device, is
     * what the device trusts for the gateway's key in the first place). What the owner set in the config wins.
     *
     * @return whether the tunnel was closed, to be made anew to the gateway named
     */
    private boolean followGateway(GatewayAddress named) {
        DeviceState reg;
        DeviceState.GatewayChange change;
        boolean moved;
        synchronized (this) { // against a pin from the tunnel's thread
            reg = registration;
            change = reg.change(named, options.gatewayHostKey().isEmpty());
            if (change.followed().equals(reg)) {
                return false;
            }
            // where the tunnel dials, the owner's gateway.host/port included
            moved = !tunnelTarget(reg, 0).equals(tunnelTarget(change.followed(), 0));
            if (change.redirects(moved) && !options.serverAnswersTrusted()) {
                if (!named.equals(unfollowedGateway)) {
                    unfollowedGateway = named;
                    LOG.warn("The server names its SSH gateway {} (host key {}), not the {}:{} this device uses; not "
                            + "followed because {} is plain http to another machine (use https, or set gateway.host, "
                            + "gateway.port, gateway.host.key)", named, named.hostKeyFingerprint(), reg.gatewayHost(),
                            reg.gatewayPort(), options.apiBase());
                }
                return false;
            }
            try {
                change.followed().save(options.dataDir());
            } catch (IOException e) {
                LOG.error("Cannot save where the gateway is now; following it for this run only: {}", describe(e));
            }
            registration = change.followed();
        }
        if (moved) {
            LOG.info("The server moved its SSH gateway from {}:{} to {}", reg.gatewayHost(), reg.gatewayPort(), named);
        }
        if (reg.gatewayHostKey() != null && change.followed().gatewayHostKey() == null) {
            LOG.warn("The server says its SSH gateway's host key is now {}, not the one pinned: pinning the new one",
                    named.hostKeyFingerprint());
        }
        Tunnel current = tunnel;
        if (current == null || !moved && !change.keyChanged()) {
            return false;
        }
        current.close();
        tunnel = null;
        return true;
    }

    private Tunnel.Target tunnelTarget(DeviceState reg, int localPort) {
        String host = options.gatewayHost().isEmpty() ? reg.gatewayHost() : options.gatewayHost();
        int port = options.gatewayPort() == 0 ? reg.gatewayPort() : options.gatewayPort();
        return new Tunnel.Target(host, port, reg.deviceId(), reg.tunnelPort(), localPort);
    }

    private synchronized void pin(String hostKey) {
        String named = registration.gatewayHostKeyFingerprint();
        if (named != null && !named.equals(GatewayHostKey.fingerprint(hostKey))) {
            return; // a tunnel closed for a replaced key still finished its key exchange: not the key to keep
        }
        DeviceState pinned = registration.withGatewayHostKey(hostKey);
        try {
            pinned.save(options.dataDir());
            registration = pinned;
        } catch (IOException e) {
            LOG.error("Cannot save the gateway's host key; it is trusted for this run only", e);
        }
    }

    private Duration interval() {
        if (!options.heartbeatInterval().isZero()) {
            return options.heartbeatInterval();
        }
        return desired != null && desired.heartbeatIntervalSeconds() > 0
                ? Duration.ofSeconds(desired.heartbeatIntervalSeconds()) : DEFAULT_INTERVAL;
    }

    private static ContainerStatus status(ContainerDriver driver) {
        try {
            return driver.status();
        } catch (RuntimeException e) {
            return new ContainerStatus(ContainerStatus.State.FAILED, null, e.toString());
        }
    }

    /**
     * A sentence for the owner: the JDK's connection errors often carry no message of their own, and its file
     * errors often nothing but the path.
     */
    static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "cannot reach the server (" + (message == null ? e.getClass().getSimpleName() : message) + ")";
        }
        if (e instanceof FileSystemException f) {
            return "cannot use " + f.getFile() + " (" + fileProblem(f) + ")";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String fileProblem(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileAlreadyExistsException ? "already exists" : e.getClass().getSimpleName();
    }

    private void publishStatus() {
        Status status = new Status(options.deviceId(), options.apiBase().toString(), registration, registrationProblem,
                tunnelState(), options.driver(), container, desired, lastHeartbeat, heartbeatProblem);
        String line = status.line();
        Instant now = clock.instant();
        boolean changed = !line.equals(lastLine);
        if (changed) {
            LOG.info("Status: {}", line);
            lastLine = line;
        }
        // a status file that is not rewritten on every heartbeat spares SD cards
        if (changed || Duration.between(lastStatusWrite, now).compareTo(STATUS_REFRESH) >= 0) {
            try {
                PrivateFiles.write(options.dataDir().resolve(Status.FILE), status.file(now));
                lastStatusWrite = now;
            } catch (IOException e) {
                LOG.warn("Cannot write the status file: {}", describe(e));
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        api.abort();
        boolean stopped = false;
        try {
            stopped = executor.awaitTermination(options.httpTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (!stopped) {
                LOG.warn("Governor thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Tunnel t = tunnel;
        if (t != null) {
            t.close();
        }
        if (stopped) {
            // the governor's thread is gone, so nothing else writes the status: it must not go on saying "tunnel UP"
            publishStatus();
        }
    }
}
