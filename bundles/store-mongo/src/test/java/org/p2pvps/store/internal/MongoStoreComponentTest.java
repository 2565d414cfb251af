package org.p2pvps.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.store.MongoStore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class MongoStoreComponentTest {

    @TempDir
    Path dataDir;

    private MongoStoreComponent open() {
        return new MongoStoreComponent(new StoreOptions(null, "p2pvps", dataDir, 0));
    }

    @Test
    void embeddedStoreAnswersThroughTheRealDriver() {
        MongoStoreComponent store = open();
        try {
            assertThat(store.mode()).isEqualTo(MongoStore.Mode.EMBEDDED);
            assertThat(store.reachable()).isTrue();
            store.database().getCollection("things").insertOne(new Document("_id", "a").append("n", 1));
            assertThat(store.database().getCollection("things").find(new Document("_id", "a")).first())
                    .containsEntry("n", 1);
        } finally {
            store.close();
        }
    }

    /** Lost to another program between the configuration's check and the bind: nothing of the store stays open. */
    @Test
    void aPortTakenByAnotherProgramFailsCleanlyAndTheDataOpensAgain() throws Exception {
        try (ServerSocket otherProgram = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = otherProgram.getLocalPort();
            assertThatThrownBy(() -> new MongoStoreComponent(new StoreOptions(null, "p2pvps", dataDir, port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
        }

        MongoStoreComponent store = open(); // the data file was closed, not left locked
        try {
            assertThat(store.reachable()).isTrue();
        } finally {
            store.close();
        }
    }

    @Test
    void dataAndIndexesSurviveClosingAndReopening() {
        MongoStoreComponent first = open();
        MongoCollection<Document> owners = first.database().getCollection("owners");
        owners.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        owners.insertOne(new Document("_id", "o1").append("email", "ada@example.org"));
        first.close();

        MongoStoreComponent second = open();
        try {
            MongoCollection<Document> reopened = second.database().getCollection("owners");
            assertThat(reopened.find(new Document("_id", "o1")).first()).containsEntry("email", "ada@example.org");
            assertThatThrownBy(() -> reopened.insertOne(new Document("_id", "o2").append("email", "ada@example.org")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        } finally {
            second.close();
        }
    }

    @Test
    void uniqueIndexHoldsUnderConcurrentInserts() throws Exception {
        MongoStoreComponent store = open();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            MongoCollection<Document> devices = store.database().getCollection("devices");
            devices.createIndex(Indexes.ascending("tunnelPort"), new IndexOptions().unique(true).sparse(true));
            int threads = 16;
            int insertsPerThread = 50;
            int distinctPorts = 100;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> inserter = () -> {
                    start.await();
                    int won = 0;
                    for (int i = 0; i < insertsPerThread; i++) {
                        int port = 6000 + (thread * 7 + i) % distinctPorts;
                        try {
                            devices.insertOne(new Document("_id", thread + "-" + i).append("tunnelPort", port));
                            won++;
                        } catch (MongoWriteException e) {
                            assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                        }
                    }
                    return won;
                };
                results.add(pool.submit(inserter));
            }
            start.countDown();
            int inserted = 0;
            for (Future<Integer> result : results) {
                inserted += result.get();
            }
            List<Integer> ports = devices.distinct("tunnelPort", Integer.class).into(new ArrayList<>());
            assertThat(inserted).isEqualTo(distinctPorts);
            assertThat(devices.countDocuments()).isEqualTo(distinctPorts);
            assertThat(ports).hasSize(distinctPorts).doesNotHaveDuplicates();
            // documents without the field are not constrained by the sparse index
            devices.insertOne(new Document("_id", "unregistered-1"));
            devices.insertOne(new Document("_id", "unregistered-2"));
        } finally {
            pool.shutdownNow();
            store.close();
        }
    }

    @Test
    void badConfigurationIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> StoreOptions.from(config("http://db:27017", "p2pvps", "", 0), "/data"))
                .hasMessageContaining("mongodb.uri must start with mongodb://");
        assertThatThrownBy(() -> StoreOptions.from(config("", "bad name", "", 0), "/data"))
                .hasMessageContaining("mongodb.database");
        assertThatThrownBy(() -> StoreOptions.from(config("", "p2pvps", "", 70000), "/data"))
                .hasMessageContaining("embedded.port");
        assertThat(StoreOptions.from(config("", "p2pvps", "", 0), "/srv/karaf/data").embeddedDir())
                .isEqualTo(Path.of("/srv/karaf/data", "mongo"));
        assertThat(StoreOptions.from(config("mongodb://db:27017", "p2pvps", "", 0), null).embedded()).isFalse();
    }

    @Test
    void passwordsInTheUriAreKeptOutOfTheLog() {
        assertThat(MongoStoreComponent.redact("mongodb://user:secret@db1,db2/?replicaSet=rs0"))
                .isEqualTo("mongodb://***@db1,db2/?replicaSet=rs0");
    }

    static StoreConfig config(String uri, String database, String dir, int port) {
        return new StoreConfig() {
            @Override public Class<StoreConfig> annotationType() { return StoreConfig.class; }
            @Override public String mongodb_uri() { return uri; }
            @Override public String mongodb_database() { return database; }
            @Override public String embedded_dir() { return dir; }
            @Override public int embedded_port() { return port; }
        };
    }
}
