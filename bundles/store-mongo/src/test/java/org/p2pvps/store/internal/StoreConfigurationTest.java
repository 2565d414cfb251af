package org.p2pvps.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2pvps.store.internal.MongoStoreComponentTest.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator edits etc/org.p2pvps.store.cfg on a running server: a valid change is published (the store and
 * the registry restart with it), an invalid one is refused and the store keeps serving as it was; an embedded port
 * another program holds is waited for, and so is an external MongoDB that does not answer (a real MongoDB-wire
 * server stands in for it).
 */
class StoreConfigurationTest {

    private static final Duration RETRY = Duration.ofMillis(20);
    private static final Duration PING = Duration.ofMillis(300);

    @TempDir
    Path databaseDir;

    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore publishes = new Semaphore(0);
    private volatile int storePort;

    private Runnable publish(StoreOptions options) {
        String shown = options.embedded() ? "embedded:" + options.embeddedPort() : options.externalUri();
        // the store opens its file on this thread: an interrupt would close the file channel under it
        published.add((Thread.currentThread().isInterrupted() ? "interrupted, " : "") + "published " + shown);
        publishes.release();
        return () -> published.add("withdrawn " + shown);
    }

    @Test
    void validOptionsArePublishedAndAChangeReplacesThem() {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING, config("", "p2pvps", "", 0));
        configuration.modified(config("", "p2pvps", "", 27017));
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0",
                "published embedded:27017", "withdrawn embedded:27017");
    }

    @Test
    void anInvalidChangeKeepsTheStoreAsItIs() {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING, config("", "p2pvps", "", 0));

        configuration.modified(config("", "p2pvps", "", 99999));
        configuration.modified(config("http://db:27017", "p2pvps", "", 0));
        configuration.modified(config("", "bad name", "", 0));
        configuration.modified(config("", "p2pvps", "", 0));

        assertThat(published).containsExactly("published embedded:0");
    }

    @Test
    void anInvalidConfigurationAtStartPublishesNothingUntilFixed() throws Exception {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                config("", "p2pvps", "", 99999));
        assertThat(published).isEmpty();

        configuration.modified(config("mongodb://user:pass:word@127.0.0.1", "p2pvps", "", 0)); // ':' not escaped
        configuration.modified(config("", "p2pvps", "", 0));

        assertThat(published).containsExactly("published embedded:0");
        configuration.deactivate();
    }

    @Test
    void anExternalMongoDbThatAnswersIsPublished() throws Exception {
        try (EmbeddedMongoServer database = new EmbeddedMongoServer(databaseDir, 0)) {
            StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                    config(database.connectionString(), "p2pvps", "", 0));

            assertThat(publishes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            // embedded.port means nothing for an external database: no restart of the store for it
            configuration.modified(config(database.connectionString(), "p2pvps", "", 27017));
            configuration.deactivate();

            assertThat(published).containsExactly("published " + database.connectionString(),
                    "withdrawn " + database.connectionString());
        }
    }

    /** A server booted before its database: the registry would fail on its indexes and stay failed. */
    @Test
    void anExternalMongoDbThatDoesNotAnswerIsWaitedFor() throws Exception {
        int port = freePort();
        String uri = "mongodb://127.0.0.1:" + port;
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                config(uri, "p2pvps", "", 0));
        assertThat(publishes.tryAcquire(1, TimeUnit.SECONDS)).as("nothing published while it does not answer").isFalse();

        try (EmbeddedMongoServer database = new EmbeddedMongoServer(databaseDir, port)) {
            assertThat(publishes.tryAcquire(10, TimeUnit.SECONDS)).as("published once it answers").isTrue();
            configuration.deactivate();
        }
        assertThat(published).containsExactly("published " + uri, "withdrawn " + uri);
    }

    /** The old store stops at once: serving it until the new database answers would split the data. */
    @Test
    void switchingToAnExternalMongoDbStopsTheStoreUntilTheNewOneAnswers() throws Exception {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                config("", "p2pvps", "", 0));
        int port = freePort();
        String uri = "mongodb://127.0.0.1:" + port;

        configuration.modified(config(uri, "p2pvps", "", 0));
        assertThat(publishes.tryAcquire(2, 1, TimeUnit.SECONDS)).isFalse();
        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0");

        try (EmbeddedMongoServer database = new EmbeddedMongoServer(databaseDir, port)) {
            assertThat(publishes.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
            configuration.deactivate();
        }
        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0", "published " + uri,
                "withdrawn " + uri);
    }

    /** Deactivation stops the tries: a database that answers afterwards is not taken (nothing to withdraw it). */
    @Test
    void deactivationEndsTheWaitForAnExternalMongoDb() throws Exception {
        int port = freePort();
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                config("mongodb://127.0.0.1:" + port, "p2pvps", "", 0));
        configuration.deactivate();

        try (EmbeddedMongoServer database = new EmbeddedMongoServer(databaseDir, port)) {
            assertThat(publishes.tryAcquire(1, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(published).isEmpty();
    }

    @Test
    void aPortAnotherProgramHoldsIsWaitedForAndTakenOnceFree() throws Exception {
        StoreConfiguration configuration;
        int port;
        try (ServerSocket otherProgram = listening()) {
            port = otherProgram.getLocalPort();
            configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING, config("", "p2pvps", "", port));

            assertThat(published).as("no store on a port it cannot bind").isEmpty();
        }
        assertThat(publishes.tryAcquire(10, TimeUnit.SECONDS)).as("published once the port is free").isTrue();
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:" + port, "withdrawn embedded:" + port);
    }

    /** The store steps off its port for the probe (it may be the one wanted) and serves as it was until then. */
    @Test
    void whileTheNewPortIsHeldTheStoreServesAsItWas() throws Exception {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                config("", "p2pvps", "", 0));
        publishes.acquire();
        int port;
        try (ServerSocket otherProgram = listening()) {
            port = otherProgram.getLocalPort();
            configuration.modified(config("", "p2pvps", "", port));

            assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0",
                    "published embedded:0");
            publishes.acquire();
        }
        assertThat(publishes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0", "published embedded:0",
                "withdrawn embedded:0", "published embedded:" + port, "withdrawn embedded:" + port);
    }

    @Test
    void aChangeWhileWaitingReplacesTheWait() throws Exception {
        StoreConfiguration configuration;
        try (ServerSocket otherProgram = listening()) {
            configuration = new StoreConfiguration(this::publish, "/data", RETRY, PING,
                    config("", "p2pvps", "", otherProgram.getLocalPort()));

            configuration.modified(config("", "p2pvps", "", 0));
            configuration.modified(config("", "p2pvps", "", 99999)); // and an invalid one: the store stays as it is
        }
        assertThat(publishes.tryAcquire(2, 500, TimeUnit.MILLISECONDS)).as("the freed port is not taken any more")
                .isFalse();
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0");
    }

    /** A store that really listens, as the embedded one does: its own port is no conflict when its settings change. */
    @Test
    void theRunningStoresOwnPortIsNoConflict() throws Exception {
        StoreConfiguration configuration = new StoreConfiguration(this::listen, "/data", RETRY, PING,
                config("", "p2pvps", "", 0));
        int bound = storePort;

        configuration.modified(config("", "p2pvps", "", bound)); // pinned where it listens, e.g. for mongosh
        configuration.modified(config("", "p2pvps", "/elsewhere", bound));
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0",
                "published embedded:" + bound, "withdrawn embedded:" + bound,
                "published embedded:" + bound, "withdrawn embedded:" + bound);
    }

    /** Publishes like {@link #publish} and listens on the options' port (any free one for 0) until withdrawn. */
    private Runnable listen(StoreOptions options) {
        try {
            ServerSocket store = new ServerSocket(options.embeddedPort(), 1, InetAddress.getByName("127.0.0.1"));
            storePort = store.getLocalPort();
            Runnable withdraw = publish(options);
            return () -> {
                withdraw.run();
                try {
                    store.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a loopback port nothing listens on right now */
    private static int freePort() throws IOException {
        try (ServerSocket probe = listening()) {
            return probe.getLocalPort();
        }
    }

    private static ServerSocket listening() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
