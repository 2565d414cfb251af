package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway its configuration describes. A changed configuration that is invalid, or that cannot
 * start (a port in use), leaves the gateway serving as before, so an operator's typo in the .cfg file does
 * not cut every device off; each refusal is one log line that names the setting. A gateway that cannot start
 * with nothing to fall back on (a port in use at server start, an address the network brings up later) is tried
 * again until it starts or the settings change.
 */
final class GatewayRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRunner.class);
    static final String CONFIG_FILE = "etc/org.p2pvps.sshgateway.cfg";

    /** Told when a gateway has started, and before it stops. */
    interface Listener {

        void started(Gateway gateway);

        void stopping(Gateway gateway);
    }

    private final Function<GatewayOptions, Gateway> gateways;
    private final Path dataDir;
    private final Listener listener;
    private final Duration retryInterval;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "p2pvps-gateway-start");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Gateway gateway;
    private GatewayOptions options;
    private ScheduledFuture<?> retry;
    /** Counts scheduled and cancelled retries: a retry that fired but waited for the lock meanwhile is stale. */
    private long retryGeneration;
    private boolean closed;

    /**
     * @param gateways makes an unstarted gateway from options
     * @param dataDir where the host key goes when {@code host.key.file} is empty (Karaf's data folder)
     * @param retryInterval how often to try again to start a gateway that could not start
     */
    GatewayRunner(Function<GatewayOptions, Gateway> gateways, Path dataDir, Listener listener, Duration retryInterval) {
        this.gateways = gateways;
        this.dataDir = dataDir;
        this.listener = listener;
        this.retryInterval = retryInterval;
    }

    /** Runs the gateway as the configuration says, restarting it if that differs from the running one. */
    synchronized void apply(GatewayConfig config) {
        if (closed) {
            return;
        }
        GatewayOptions wanted;
        try {
            wanted = GatewayOptions.from(config, dataDir);
        } catch (IllegalArgumentException e) {
            if (gateway == null) {
                LOG.error("SSH gateway not started: {} ({}); it starts once that is fixed", e.getMessage(), CONFIG_FILE);
            } else {
                LOG.error("SSH gateway settings not applied: {} ({}); the gateway keeps running as before on port {}, "
                        + "until a restart of the server, which would refuse it: fix it",
                        e.getMessage(), CONFIG_FILE, gateway.port());
            }
            return;
        }
        if (gateway != null && wanted.equals(options)) {
            return;
        }
        GatewayOptions previous = options;
        stop();
        if (start(wanted, true)) {
            return;
        }
        if (previous != null) {
            LOG.error("SSH gateway settings not applied ({}); the gateway goes back to its previous settings (devices "
                    + "reconnect) until a restart of the server, which would try them again: fix them",
                    CONFIG_FILE);
            if (start(previous, true)) {
                return;
            }
        }
        LOG.warn("SSH gateway: trying again every {} s until it starts", retryInterval.toSeconds());
        long millis = retryInterval.toMillis();
        long generation = ++retryGeneration;
        retry = retries.scheduleWithFixedDelay(() -> retryStart(wanted, generation), millis, millis,
                TimeUnit.MILLISECONDS);
    }

    private synchronized void retryStart(GatewayOptions wanted, long generation) {
        if (!closed && generation == retryGeneration && gateway == null && start(wanted, false)) {
            cancelRetry();
        }
    }

    private void cancelRetry() {
        retryGeneration++;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    /** Stops the gateway for good: the component goes away. */
    synchronized void close() {
        closed = true;
        stop();
        retries.shutdownNow();
    }

    synchronized void stop() {
        cancelRetry();
        Gateway stopping = gateway;
        if (stopping == null) {
            return;
        }
        listener.stopping(stopping);
        gateway = null;
        options = null;
        stopping.stop();
    }

    /** @return the gateway, while one runs */
    Optional<Gateway> running() {
        return Optional.ofNullable(gateway);
    }

    /** @param loud whether a failure is news (not a retry of one reported already) */
    private boolean start(GatewayOptions wanted, boolean loud) {
        Gateway starting = gateways.apply(wanted);
        try {
            starting.start();
        } catch (IOException e) {
            starting.stop();
            // an operator's matter (a port in use, an unreadable host key): the reason is enough
            if (loud) {
                LOG.error("SSH gateway could not start on {}:{}: {}", wanted.listenAddress(), wanted.listenPort(),
                        e.toString());
            } else {
                LOG.debug("SSH gateway still cannot start: {}", e.toString());
            }
            return false;
        } catch (RuntimeException e) {
            starting.stop();
            if (loud) {
                LOG.error("SSH gateway could not start on {}:{}", wanted.listenAddress(), wanted.listenPort(), e);
            } else {
                LOG.debug("SSH gateway still cannot start", e);
            }
            return false;
        }
        gateway = starting;
        options = wanted;
        listener.started(starting);
        return true;
    }
}
