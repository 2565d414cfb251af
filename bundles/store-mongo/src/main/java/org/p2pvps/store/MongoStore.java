package org.p2pvps.store;

import org.osgi.annotation.versioning.ProviderType;

import com.mongodb.client.MongoDatabase;

/**
 * The p2pvps database, on an external MongoDB or on the embedded MongoDB-wire server. Users must
 * keep to single-document atomic operations (no multi-document transactions) so both work.
 */
@ProviderType
public interface MongoStore {

    /** Where the data lives. */
    enum Mode {
        /** The in-process MongoDB-wire server, files under the server's data directory. */
        EMBEDDED,
        /** A MongoDB given by {@code mongodb.uri}. */
        EXTERNAL
    }

    /** @return the p2pvps database */
    MongoDatabase database();

    /** @return whether the store is embedded or external */
    Mode mode();

    /** @return whether the database answers a ping right now */
    boolean reachable();
}
