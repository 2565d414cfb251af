package org.p2pvps.store.internal;

import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/** The store, opened from the options {@link StoreConfiguration} publishes while they are valid. */
@Component(service = MongoStore.class)
public final class MongoStoreComponent implements MongoStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MongoStoreComponent.class);
    /** Far above any of the registry's operations; only bounds a connection that will never answer. */
    private static final int EXTERNAL_READ_TIMEOUT_SECONDS = 120;

    private final EmbeddedMongoServer embeddedServer;
    private final MongoClient client;
    private final MongoDatabase database;

    /** Opens the store; outside OSGi, tests and tools call this too. */
    @Activate
    public MongoStoreComponent(@Reference StoreOptions options) {
        String uri;
        if (options.embedded()) {
            embeddedServer = new EmbeddedMongoServer(options.embeddedDir(), options.embeddedPort());
            uri = embeddedServer.connectionString();
            LOG.info("Embedded MongoDB-wire store started on 127.0.0.1:{}, data in {}", embeddedServer.port(),
                    options.embeddedDir());
        } else {
            embeddedServer = null;
            uri = options.externalUri();
            LOG.info("Using external MongoDB at {}", redact(uri));
        }
        try {
            ConnectionString connection = new ConnectionString(uri);
            MongoClientSettings.Builder settings = MongoClientSettings.builder()
                    .applyConnectionString(connection)
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS));
            if (embeddedServer == null && connection.getSocketTimeout() == null) {
                // the driver's default waits for ever on a connection whose peer vanished (a network cut leaves it
                // half-open): a request, or the SSH gateway's probe of the registry, would never end. Not for the
                // embedded store: in-process, never half-open, and it answers a scan only once it is whole (the
                // registry's listing load at 100,000 devices takes about 30 s)
                settings.applyToSocketSettings(socket -> socket.readTimeout(EXTERNAL_READ_TIMEOUT_SECONDS,
                        TimeUnit.SECONDS));
            }
            client = MongoClients.create(settings.build());
            database = client.getDatabase(options.databaseName());
        } catch (RuntimeException e) {
            if (embeddedServer != null) {
                embeddedServer.close();
            }
            throw e;
        }
    }

    @Deactivate
    @Override
    public void close() {
        client.close();
        if (embeddedServer != null) {
            embeddedServer.close();
            LOG.info("Embedded MongoDB-wire store stopped");
        }
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public Mode mode() {
        return embeddedServer != null ? Mode.EMBEDDED : Mode.EXTERNAL;
    }

    @Override
    public boolean reachable() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            LOG.warn("MongoDB ping failed: {}", e.getMessage());
            return false;
        }
    }

    /** Keeps passwords in a connection string out of the log. */
    static String redact(String uri) {
        return uri.replaceFirst("//[^@/]*@", "//***@");
    }
}
