package org.p2pvps.store.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterDescription;

/**
 * Reads etc/org.p2pvps.store.cfg and publishes it as {@link StoreOptions} while it is valid; the store opens
 * from those. An invalid change is one log line naming the setting and the store keeps serving as it was;
 * before, a typo stopped the store and with it the registry and the whole REST API. An embedded port that another
 * program holds is said in one line and tried again until it is free, instead of failing the store's start with a
 * stack trace: the store keeps serving as it was meanwhile. An external MongoDB is published once it answers a
 * ping, tried again until it does: published unanswered, the registry's start failed on its indexes and stayed
 * failed after the database came up (a server booted before its database had no API until restarted).
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
    private final Duration retry;
    private final Duration pingTimeout;
    private StoreOptions options;
    private Runnable withdraw;
    private ScheduledExecutorService retries;
    private StoreOptions waitingFor;
    /** Whether the wait for an external MongoDB was logged, so that its end is too. */
    private boolean waitReported;

    @Activate
    public StoreConfiguration(BundleContext context, StoreConfig config) {
        this(options -> context.registerService(StoreOptions.class, options, null)::unregister,
                context.getProperty("karaf.data"), Duration.ofSeconds(10), Duration.ofSeconds(5), config);
    }

    /**
     * @param publisher publishes options and returns how to withdraw them
     * @param retry how often to try again an embedded port that cannot be bound or an external MongoDB that does
     *        not answer
     * @param pingTimeout how long to wait for an external MongoDB's answer
     */
    StoreConfiguration(Function<StoreOptions, Runnable> publisher, String karafData, Duration retry,
            Duration pingTimeout, StoreConfig config) {
        this.publisher = publisher;
        this.karafData = karafData;
        this.retry = retry;
        this.pingTimeout = pingTimeout;
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
        if (!wanted.embedded()) {
            // off until the new database answers: serving the old one meanwhile would split the data between two
            withdraw();
            waitFor(wanted, Duration.ZERO); // a ping may take seconds: not on the thread that delivers the change
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
                retry.toSeconds());
        if (serving != null) {
            publish(serving);
        }
        waitFor(wanted, retry);
    }

    private void publish(StoreOptions wanted) {
        withdraw = publisher.apply(wanted);
        options = wanted;
    }

    private void waitFor(StoreOptions wanted, Duration firstTry) {
        waitingFor = wanted;
        waitReported = false;
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2pvps-store-wait");
            thread.setDaemon(true);
            return thread;
        });
        // at a fixed rate, so that "every 10 s" holds with a ping of up to 5 s in each
        retries.scheduleAtFixedRate(() -> publishOnceUsable(wanted), firstTry.toMillis(), retry.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void publishOnceUsable(StoreOptions wanted) {
        String unusable;
        try {
            unusable = wanted.embedded() ? unusablePort(wanted) : unanswered(wanted); // may take seconds
        } catch (RuntimeException e) { // e.g. a DNS failure on a mongodb+srv:// URI; the executor would stop for good
            unusable = e.toString();
        }
        synchronized (this) {
            if (wanted != waitingFor) {
                return; // replaced or stopped since (the same settings again are a new wait)
            }
            if (unusable != null) {
                if (!wanted.embedded()) { // the embedded port's wait said so when it began
                    reportWaitOnce(wanted, unusable);
                }
                return;
            }
            boolean reported = waitReported;
            stopWaiting();
            if (wanted.embedded()) {
                LOG.info("{}:{} is free now: the store {} there", EmbeddedMongoServer.HOST, wanted.embeddedPort(),
                        options == null ? "starts" : "moves");
            } else if (reported) {
                LOG.info("MongoDB at {} answers now: the store starts", MongoStoreComponent.redact(wanted.externalUri()));
            }
            try {
                withdraw();
                publish(wanted);
            } catch (RuntimeException e) { // the executor would end this task without a word
                LOG.error("The store could not start", e);
            }
        }
    }

    /** One line for a wait on an external MongoDB, not one every try. */
    private void reportWaitOnce(StoreOptions wanted, String unusable) {
        if (waitReported) {
            return;
        }
        waitReported = true;
        LOG.error("MongoDB at {} cannot be used: {} (mongodb.uri in {}); the store, and the REST API with it, "
                + "starts once it answers; trying again every {} s", MongoStoreComponent.redact(wanted.externalUri()),
                unusable, CONFIG_FILE, retry.toSeconds());
    }

    private void stopWaiting() {
        waitingFor = null;
        if (retries != null) {
            // not shutdownNow: from its own task it would interrupt the thread about to open the store's file
            retries.shutdown();
            retries = null;
        }
    }

    /** @return why the external MongoDB cannot be used now, or null when it answers a ping */
    private String unanswered(StoreOptions wanted) {
        long millis = pingTimeout.toMillis();
        MongoClient client;
        try {
            client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(wanted.externalUri())) // +srv: looks DNS up here
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                    .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS))
                    .build());
        } catch (MongoException e) {
            return e.getMessage();
        }
        try {
            client.getDatabase(wanted.databaseName()).runCommand(new Document("ping", 1));
            return null;
        } catch (MongoTimeoutException e) {
            return unreachable(client.getClusterDescription());
        } catch (MongoException e) {
            return e.getMessage();
        } finally {
            client.close();
        }
    }

    /** The driver's timeout message is a dump of its cluster view; this is what each server answered. */
    private String unreachable(ClusterDescription cluster) {
        String servers = cluster.getServerDescriptions().stream()
                .filter(server -> server.getException() != null)
                .map(server -> server.getAddress() + ": " + rootMessage(server.getException()))
                .collect(Collectors.joining(", "));
        return servers.isEmpty() ? "no primary answered within " + pingTimeout.toMillis() + " ms ("
                + cluster.getShortDescription() + ")" : servers;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
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
