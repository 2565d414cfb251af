package org.p2pvps.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The in-process MongoDB-wire server on loopback, persisting to one H2 MVStore file. */
final class EmbeddedMongoServer implements AutoCloseable {

    /** Where it listens: IPv4 loopback, whatever the JVM prefers for "localhost". */
    static final String HOST = "127.0.0.1";

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    EmbeddedMongoServer(Path directory, int port) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded store directory " + directory, e);
        }
        backend = new H2Backend(directory.resolve("p2pvps.mv").toString());
        server = new MongoServer(backend);
        try {
            server.bind(HOST, port);
        } catch (Exception e) { // Netty throws a BindException that no signature declares
            server.shutdownNow(); // closes the backend too: its file would stay locked for the next try
            throw new IllegalStateException("the embedded store cannot listen on " + HOST + ":" + port + ": " + e, e);
        }
        address = server.getLocalAddress();
    }

    String connectionString() {
        return "mongodb://" + HOST + ":" + address.getPort();
    }

    int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        // shutdown() closes the backend, which commits and closes the MVStore file
        server.shutdown();
    }
}
