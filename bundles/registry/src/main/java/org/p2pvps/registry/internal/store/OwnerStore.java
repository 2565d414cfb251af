package org.p2pvps.registry.internal.store;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.p2pvps.owner.Owner;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/** The {@code owners} collection: one document per account, e-mail unique. */
public final class OwnerStore {

    static final String EMAIL_INDEX = "unique_owner_email";

    private final MongoCollection<Document> owners;

    public OwnerStore(MongoDatabase database) {
        owners = database.getCollection("owners");
        owners.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name(EMAIL_INDEX));
    }

    /** @return false when the e-mail address is taken */
    public boolean insert(Owner owner, String passwordHash) {
        try {
            owners.insertOne(new Document("_id", owner.id())
                    .append("email", owner.email())
                    .append("passwordHash", passwordHash)
                    .append("createdAt", Date.from(owner.createdAt())));
            return true;
        } catch (MongoException e) {
            if (DuplicateKey.index(e).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Document> findByEmail(String email) {
        return Optional.ofNullable(owners.find(eq("email", email)).first());
    }

    public Optional<Owner> find(String id) {
        return Optional.ofNullable(owners.find(eq("_id", id)).first()).map(OwnerStore::owner);
    }

    public List<Owner> page(int skip, int limit) {
        return owners.find().sort(Sorts.ascending("createdAt", "_id")).skip(skip).limit(limit)
                .map(OwnerStore::owner).into(new ArrayList<>());
    }

    public long count() {
        return owners.countDocuments();
    }

    public static Owner owner(Document document) {
        return new Owner(document.getString("_id"), document.getString("email"), instant(document, "createdAt"));
    }

    public static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
