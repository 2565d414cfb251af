package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.registry.internal.TestOptions;
import org.p2pvps.store.MongoStore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The database goes away under a running API and comes back: requests meanwhile are a 503 to retry, not a 500 with
 * a stack trace each, and nothing stored before is lost. The database is a real MongoDB-wire server on a port of its
 * own, stopped and started again on its data file; the registry reaches it through the real driver.
 */
class StoreOutageApiTest {

    @TempDir
    Path dataDir;

    @Test
    void requestsDuringAnOutageAre503AndServedAgainOnceTheDatabaseIsBack() throws Exception {
        try (OutageStore store = new OutageStore(dataDir.resolve("p2pvps.mv"));
                TestServer server = TestServer.start(store, TestOptions.defaults())) {
            Steps steps = new Steps(server.http);
            String email = Steps.uniqueEmail();
            assertThat(server.http.post("owners", Map.of("email", email, "password", Steps.PASSWORD)).status())
                    .isEqualTo(201);
            String token = steps.logIn(email);

            store.stop();

            Http.Reply devices = server.http.get("devices", token); // the session is looked up in the database
            assertThat(devices.status()).as("%s", devices).isEqualTo(503);
            assertThat(devices.json().get("error").asText()).isEqualTo("store_unavailable");
            assertThat(devices.header("Retry-After")).isEqualTo(String.valueOf(StoreUnavailableMapper.RETRY_AFTER_SECONDS));
            Http.Reply signUp = server.http.post("owners", Map.of("email", Steps.uniqueEmail(), "password", Steps.PASSWORD));
            assertThat(signUp.status()).as("%s", signUp).isEqualTo(503);
            assertThat(server.http.get("health").json().get("status").asText()).isEqualTo("DOWN");
            assertThat(server.http.get("listings").status()).as("listings come from memory").isEqualTo(200);

            store.start();

            assertThat(servedWithin(server.http, token, Duration.ofSeconds(20))).as("served again").isTrue();
            assertThat(steps.logIn(email)).as("the owner from before the outage").isNotBlank();
        }
    }

    private static boolean servedWithin(Http http, String token, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (http.get("devices", token).status() == 200) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    /** An external MongoDB as the registry sees one: a wire server that can be stopped and started again. */
    private static final class OutageStore implements MongoStore, AutoCloseable {

        private final Path file;
        private final int port;
        private final MongoClient client;
        private MongoServer server;

        OutageStore(Path file) {
            this.file = file;
            start(0);
            this.port = server.getLocalAddress().getPort();
            // a short wait for a server, so that the outage's requests fail fast
            client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                    .build());
        }

        void start() {
            start(port);
        }

        private void start(int onPort) {
            server = new MongoServer(new H2Backend(file.toString()));
            server.bind("127.0.0.1", onPort);
        }

        void stop() {
            server.shutdownNow();
        }

        @Override
        public MongoDatabase database() {
            return client.getDatabase("p2pvps");
        }

        @Override
        public Mode mode() {
            return Mode.EXTERNAL;
        }

        @Override
        public boolean reachable() {
            try {
                database().runCommand(new Document("ping", 1));
                return true;
            } catch (MongoException e) {
                return false;
            }
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }
}
