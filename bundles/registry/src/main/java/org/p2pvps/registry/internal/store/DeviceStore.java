package org.p2pvps.registry.internal.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.p2pvps.registry.internal.PortRange;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * The {@code devices} collection. Every change is one single-document atomic operation, so a failed
 * request never leaves half a device behind, on the embedded store and on a MongoDB replica set alike.
 */
public final class DeviceStore {

    public static final String PORT_INDEX = "unique_device_tunnel_port";
    public static final String SUBDOMAIN_INDEX = "unique_device_subdomain";
    public static final String KEY_INDEX = "unique_device_key_fingerprint";
    static final String REGISTRATION_TOKEN_INDEX = "unique_device_registration_token";
    static final String DEVICE_TOKEN_INDEX = "unique_device_token";

    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> devices;
    private final DeviceWrites writes;

    /** @param writes told of every change, after it is stored (a read model such as the listing index) */
    public DeviceStore(MongoDatabase database, DeviceWrites writes) {
        this.writes = writes;
        devices = database.getCollection("devices");
        // sparse: devices that have not registered yet have none of these fields
        devices.createIndex(Indexes.ascending(DeviceFields.TUNNEL_PORT),
                new IndexOptions().unique(true).sparse(true).name(PORT_INDEX));
        devices.createIndex(Indexes.ascending(DeviceFields.SUBDOMAIN),
                new IndexOptions().unique(true).sparse(true).name(SUBDOMAIN_INDEX));
        devices.createIndex(Indexes.ascending(DeviceFields.KEY_FINGERPRINT),
                new IndexOptions().unique(true).sparse(true).name(KEY_INDEX));
        devices.createIndex(Indexes.ascending(DeviceFields.OWNER_ID));
        // the token updates below filter on the hash alone, so that a unique index serves them: the
        // embedded store scans for any other filter shape (bench/registry/RESULTS.md)
        devices.createIndex(Indexes.ascending(DeviceFields.REGISTRATION_TOKEN_HASH),
                new IndexOptions().unique(true).sparse(true).name(REGISTRATION_TOKEN_INDEX));
        devices.createIndex(Indexes.ascending(DeviceFields.DEVICE_TOKEN_HASH),
                new IndexOptions().unique(true).sparse(true).name(DEVICE_TOKEN_INDEX));
    }

    public void insert(Document device) {
        devices.insertOne(device);
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(devices.find(eq("_id", id)).first());
    }

    public List<Document> findByOwner(String ownerId) {
        return devices.find(eq(DeviceFields.OWNER_ID, ownerId)).sort(Sorts.ascending(DeviceFields.CREATED_AT, "_id"))
                .into(new ArrayList<>());
    }

    public List<Document> page(int skip, int limit) {
        return devices.find().sort(Sorts.ascending(DeviceFields.CREATED_AT, "_id")).skip(skip).limit(limit)
                .into(new ArrayList<>());
    }

    public long count() {
        return devices.countDocuments();
    }

    /** @return the updated device, or {@code null} if the owner has no device with that id */
    public Document updateOwned(String id, String ownerId, Bson update) {
        Document updated = devices.findOneAndUpdate(and(eq("_id", id), eq(DeviceFields.OWNER_ID, ownerId)), update,
                RETURN_AFTER);
        if (updated != null) {
            writes.changed(id);
        }
        return updated;
    }

    /** Deletes the owner's device unless a rental holds it. @return whether it was deleted */
    public boolean deleteOwnedUnrented(String id, String ownerId) {
        boolean deleted = devices.deleteOne(and(eq("_id", id), eq(DeviceFields.OWNER_ID, ownerId),
                exists(DeviceFields.RENTAL_ID, false))).getDeletedCount() == 1;
        if (deleted) {
            writes.removed(id);
        }
        return deleted;
    }

    /**
     * Consumes the registration token and binds key, port, subdomain and device token in one atomic
     * update; a unique index refusing any of them refuses the whole registration.
     *
     * @return the registered device, or {@code null} when the token no longer matches (used meanwhile)
     */
    public Document completeRegistration(String id, String registrationTokenHash, Bson registration) {
        // the caller checked that device `id` holds this hash; the unique index lets no other device hold it
        Document registered = devices.findOneAndUpdate(eq(DeviceFields.REGISTRATION_TOKEN_HASH, registrationTokenHash),
                Updates.combine(registration, Updates.unset(DeviceFields.REGISTRATION_TOKEN_HASH)),
                RETURN_AFTER);
        if (registered != null && !id.equals(registered.getString("_id"))) {
            throw new IllegalStateException("registration token of device " + id + " found on device "
                    + registered.getString("_id"));
        }
        if (registered != null) {
            writes.changed(id);
        }
        return registered;
    }

    /**
     * Records a heartbeat for device {@code id}, which the caller found holding this token hash, provided it
     * still holds it (a new registration replaces it). Filtered on the hash alone: a unique index serves that.
     */
    public boolean recordHeartbeat(String id, String deviceTokenHash, Instant now, Document status) {
        boolean recorded = devices.updateOne(eq(DeviceFields.DEVICE_TOKEN_HASH, deviceTokenHash),
                Updates.combine(Updates.set(DeviceFields.LAST_SEEN, Date.from(now)),
                        Updates.set(DeviceFields.STATUS, status)))
                .getMatchedCount() == 1;
        if (recorded) {
            writes.seen(id, now);
        }
        return recorded;
    }

    /**
     * Takes the device for a rental, provided no other rental holds it: the one atomic step that lets
     * exactly one of many racing renters win.
     *
     * @return whether this rental got the device
     */
    public boolean claim(String id, String rentalId) {
        boolean claimed = devices.updateOne(and(eq("_id", id), exists(DeviceFields.RENTAL_ID, false)),
                Updates.set(DeviceFields.RENTAL_ID, rentalId)).getModifiedCount() == 1;
        if (claimed) {
            writes.changed(id);
        }
        return claimed;
    }

    /** Records until when the holding rental runs (activation, renewal). */
    public void rentedUntil(String id, String rentalId, Instant until) {
        devices.updateOne(and(eq("_id", id), eq(DeviceFields.RENTAL_ID, rentalId)),
                Updates.set(DeviceFields.RENTED_UNTIL, Date.from(until)));
        writes.changed(id);
    }

    /** Returns the device to the market if this rental still holds it; harmless to repeat. */
    public void release(String id, String rentalId) {
        devices.updateOne(and(eq("_id", id), eq(DeviceFields.RENTAL_ID, rentalId)),
                Updates.combine(Updates.unset(DeviceFields.RENTAL_ID), Updates.unset(DeviceFields.RENTED_UNTIL)));
        writes.changed(id);
    }

    /**
     * Records the gateway's report that the device's tunnel went up or down; either is a sign of life.
     *
     * @return whether the device exists
     */
    public boolean recordTunnel(String id, boolean connected, Instant now) {
        boolean recorded = devices.updateOne(eq("_id", id), Updates.combine(
                        Updates.set(DeviceFields.TUNNEL_CONNECTED, connected),
                        Updates.set(DeviceFields.LAST_SEEN, Date.from(now))))
                .getMatchedCount() == 1;
        if (recorded) {
            writes.changed(id);
        }
        return recorded;
    }

    /** Marks every device's tunnel as down: the gateway holds none. */
    public void clearTunnels() {
        devices.updateMany(eq(DeviceFields.TUNNEL_CONNECTED, true), Updates.set(DeviceFields.TUNNEL_CONNECTED, false));
        writes.tunnelsCleared();
    }

    public Set<Integer> usedPorts(PortRange range) {
        return devices.distinct(DeviceFields.TUNNEL_PORT,
                        and(gte(DeviceFields.TUNNEL_PORT, range.min()), lte(DeviceFields.TUNNEL_PORT, range.max())),
                        Integer.class)
                .into(new HashSet<>());
    }

}
