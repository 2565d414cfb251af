package org.p2pvps.store.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * stack trace: the store keeps serving as it was meanwhile.
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
    private StoreOptions waitingFor;

    @Activate
    public StoreConfiguration(BundleContext context, StoreConfig config) {
        this(options -> context.registerService(StoreOptions.class, options, null)::unregister,
                context.getProperty("karaf.data"), Duration.ofSeconds(10), config);
    }

    /**
     * @param publisher publishes options and returns how to withdraw them
     * @param portRetry how often to try again an embedded port that cannot be bound
     */
    StoreConfiguration(Function<StoreOptions, Runnable> publisher, String karafData, Duration portRetry,
            StoreConfig config) {
        this.publisher = publisher;
        this.karafData = karafData;
        this.portRetry = portRetry;
        synchronized (this) {
            apply(config);
        }
    }

    @Modified
    synchronized void modified(StoreConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stopWaiting();
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
        stopWaiting(); // whatever was waited for is not what the file says now
        StoreOptions wanted;
        try {
            wanted = StoreOptions.from(config, karafData);
        } catch (IllegalArgumentException e) {
            LOG.error("Store settings not applied: {} ({}); {}", e.getMessage(), CONFIG_FILE,
                    options == null ? "the store starts once that is fixed"
                            : "the store keeps serving as it was until a restart of the server, which would refuse it: fix it");
            return;
        }
        if (wanted.equals(options)) {
            return;
        }
        StoreOptions serving = options;
        withdraw(); // frees the port the store serves on now, which may be the one wanted
        String unusable = unusablePort(wanted);
        if (unusable == null) {
            publish(wanted);
            return;
        }
        LOG.error("The embedded store cannot listen on {}:{}: {} (embedded.port in {}); {}; trying again every "
                + "{} s, or set embedded.port = 0 for any free port", EmbeddedMongoServer.HOST, wanted.embeddedPort(),
                unusable, CONFIG_FILE,
                serving == null ? "it starts once the port is free" : "the store serves as it was until then",
                portRetry.toSeconds());
        if (serving != null) {
            publish(serving);
        }
        waitForPort(wanted);
    }

    private void publish(StoreOptions wanted) {
        withdraw = publisher.apply(wanted);
        options = wanted;
    }

    private void waitForPort(StoreOptions wanted) {
        waitingFor = wanted;
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2pvps-store-port-wait");
            thread.setDaemon(true);
            return thread;
        });
        long millis = portRetry.toMillis();
        retries.scheduleWithFixedDelay(() -> publishOnceFree(wanted), millis, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void publishOnceFree(StoreOptions wanted) {
        if (!wanted.equals(waitingFor) || unusablePort(wanted) != null) {
            return; // replaced or stopped since, or still not free
        }
        stopWaiting();
        LOG.info("{}:{} is free now: the store {} there", EmbeddedMongoServer.HOST, wanted.embeddedPort(),
                options == null ? "starts" : "moves");
        try {
            withdraw();
            publish(wanted);
        } catch (RuntimeException e) { // the executor would end this task without a word
            LOG.error("The store could not start on {}:{}", EmbeddedMongoServer.HOST, wanted.embeddedPort(), e);
        }
    }

    private void stopWaiting() {
        waitingFor = null;
        if (retries != null) {
            // not shutdownNow: from its own task it would interrupt the thread about to open the store's file
            retries.shutdown();
            retries = null;
        }
    }

    /** @return why the embedded store cannot listen on its fixed port now, or null when it can (or needs none) */
    private static String unusablePort(StoreOptions wanted) {
        if (!wanted.embedded() || wanted.embeddedPort() == 0) {
            return null;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(EmbeddedMongoServer.HOST, wanted.embeddedPort()));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
