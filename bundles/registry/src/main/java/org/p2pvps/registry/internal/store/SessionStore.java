package org.p2pvps.registry.internal.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;

/** The {@code sessions} collection: owner login tokens, kept as their hash, until they expire. */
public final class SessionStore {

    private final MongoCollection<Document> sessions;

    public SessionStore(MongoDatabase database) {
        sessions = database.getCollection("sessions");
        sessions.createIndex(Indexes.ascending("expiresAt"));
    }

    public void insert(String tokenHash, String ownerId, Instant expiresAt) {
        sessions.insertOne(new Document("_id", tokenHash).append("ownerId", ownerId)
                .append("expiresAt", Date.from(expiresAt)));
    }

    /** @return the owner a live session belongs to */
    public Optional<String> ownerOf(String tokenHash, Instant now) {
        Document session = sessions.find(and(eq("_id", tokenHash), gt("expiresAt", Date.from(now)))).first();
        return Optional.ofNullable(session).map(s -> s.getString("ownerId"));
    }

    public long deleteExpired(Instant now) {
        return sessions.deleteMany(lte("expiresAt", Date.from(now))).getDeletedCount();
    }
}
