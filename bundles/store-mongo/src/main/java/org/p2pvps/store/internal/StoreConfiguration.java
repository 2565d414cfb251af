package org.p2pvps.store.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads etc/org.p2pvps.store.cfg and publishes it as {@link StoreOptions} while it is valid; the store opens
 * from those. An invalid change is one log line naming the setting and the store keeps serving as it was;
 * before, a typo stopped the store and with it the registry and the whole REST API. An embedded port that another
 * program holds is said in one line and tried again until it is free, instead of failing the store's start with a
 * stack trace.
 */
// registered by hand, so the bundle states that it provides the service its store component requires
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.p2pvps.store.internal.StoreOptions")
@Component(service = {}, immediate = true, configurationPid = "org.p2pvps.store")
@Designate(ocd = StoreConfig.class)
public final class StoreConfiguration {

    private static final String CONFIG_FILE = "etc/org.p2pvps.store.cfg";
    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);

    private final Function<StoreOptions, Runnable> publisher;
    private final String karafData;
    private final Duration portRetry;
    private StoreOptions options;
    private Runnable withdraw;
    private ScheduledExecutorService retries;
    private ScheduledFuture<?> portWait;

    @Activate
    public StoreConfiguration(BundleContext context, StoreConfig config) {
        this(options -> context.registerService(StoreOptions.class, options, null)::unregister,
                context.getProperty("karaf.data"), Duration.ofSeconds(10), config);
    }

    /**
     * @param publisher publishes options and returns how to withdraw them
     * @param portRetry how often to try again an embedded port that another program holds
     */
    StoreConfiguration(Function<StoreOptions, Runnable> publisher, String karafData, Duration portRetry,
            StoreConfig config) {
        this.publisher = publisher;
        this.karafData = karafData;
        this.portRetry = portRetry;
        apply(config);
    }

    @Modified
    synchronized void modified(StoreConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stopWaiting();
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
        }
        withdraw();
    }

    private void withdraw() {
        if (withdraw != null) {
            withdraw.run();
            withdraw = null;
            options = null;
        }
    }

    private void apply(StoreConfig config) {
        StoreOptions wanted;
        try {
            wanted = StoreOptions.from(config, karafData);
        } catch (IllegalArgumentException e) {
            LOG.error("Store settings not applied: {} ({}); {}", e.getMessage(), CONFIG_FILE,
                    options == null ? "the store starts once that is fixed"
                            : "the store keeps serving as it was until a restart of the server, which would refuse it: fix it");
            return;
        }
        stopWaiting();
        if (wanted.equals(options)) {
            return;
        }
        if (heldByAnotherProgram(wanted)) {
            LOG.error("The embedded store's port 127.0.0.1:{} is held by another program (embedded.port in {}); {}; "
                    + "tried again every {} s, or set embedded.port = 0 for any free port", wanted.embeddedPort(),
                    CONFIG_FILE, options == null ? "the store starts once it is free"
                            : "the store keeps serving on its current port until then",
                    portRetry.toSeconds());
            waitForPort(wanted);
            return;
        }
        publish(wanted);
    }

    private void publish(StoreOptions wanted) {
        withdraw();
        withdraw = publisher.apply(wanted);
        options = wanted;
    }

    private void waitForPort(StoreOptions wanted) {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "p2pvps-store-port-wait");
                thread.setDaemon(true);
                return thread;
            });
        }
        long millis = portRetry.toMillis();
        portWait = retries.scheduleWithFixedDelay(() -> publishOnceFree(wanted), millis, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void publishOnceFree(StoreOptions wanted) {
        if (portWait == null || heldByAnotherProgram(wanted)) {
            return; // settings changed or stopped since, or still held
        }
        stopWaiting();
        LOG.info("127.0.0.1:{} is free now: starting the store there", wanted.embeddedPort());
        publish(wanted);
    }

    private void stopWaiting() {
        if (portWait != null) {
            portWait.cancel(false);
            portWait = null;
        }
    }

    /** A fixed embedded port that cannot be bound, and that the store serving now does not hold itself. */
    private boolean heldByAnotherProgram(StoreOptions wanted) {
        int port = wanted.embeddedPort();
        if (!wanted.embedded() || port == 0
                || (options != null && options.embedded() && options.embeddedPort() == port)) {
            return false;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
