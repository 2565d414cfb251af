package org.p2pvps.store.internal;

import java.nio.file.Path;
import java.util.List;

import com.mongodb.ConnectionString;

/**
 * Validated store configuration.
 *
 * @param externalUri the external MongoDB connection string, or {@code null} for embedded mode
 * @param databaseName the database to use
 * @param embeddedDir the embedded server's directory (unused in external mode)
 * @param embeddedPort the embedded server's loopback port, 0 for any
 */
public record StoreOptions(String externalUri, String databaseName, Path embeddedDir, int embeddedPort) {

    public static StoreOptions from(StoreConfig config, String karafData) {
        String uri = config.mongodb_uri().trim();
        String database = config.mongodb_database().trim();
        if (database.isEmpty() || !database.matches("[A-Za-z0-9_-]{1,63}")) {
            throw new IllegalArgumentException("mongodb.database must be 1-63 letters, digits, '_' or '-', not '"
                    + config.mongodb_database() + "'");
        }
        if (!uri.isEmpty() && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            throw new IllegalArgumentException("mongodb.uri must start with mongodb:// or mongodb+srv://");
        }
        if (!uri.isEmpty()) {
            try {
                // no DNS: a mongodb+srv:// URI's TXT lookup is the driver's at connection time, not a validation
                new ConnectionString(uri, (name, type) -> List.of());
            } catch (IllegalArgumentException e) {
                // the driver's reason names the part at fault; the URI itself may hold a password
                throw new IllegalArgumentException("mongodb.uri is not a valid connection string: " + e.getMessage());
            }
        }
        int port;
        try {
            port = config.embedded_port();
        } catch (RuntimeException e) {
            // DS converts the .cfg file's text when it is read, and its exception names no setting
            throw new IllegalArgumentException("embedded.port must be a whole number", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("embedded.port must be 0-65535, not " + port);
        }
        if (!uri.isEmpty()) {
            return new StoreOptions(uri, database, null, 0); // the embedded port means nothing here
        }
        String dir = config.embedded_dir().trim();
        if (!dir.isEmpty()) {
            return new StoreOptions(null, database, Path.of(dir), port);
        }
        if (karafData == null) {
            throw new IllegalArgumentException("embedded.dir is not set and there is no karaf.data to default to");
        }
        return new StoreOptions(null, database, Path.of(karafData, "mongo"), port);
    }

    public boolean embedded() {
        return externalUri == null;
    }
}
