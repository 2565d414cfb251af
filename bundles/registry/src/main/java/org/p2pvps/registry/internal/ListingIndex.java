package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.bson.Document;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.registry.internal.store.DeviceDocuments;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.registry.internal.store.DeviceWrites;
import org.p2pvps.registry.internal.store.OwnerStore;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * The registered devices as listings see them, in memory: a search is one pass over them instead of a
 * query the store answers by scanning (the embedded store has no secondary indexes; see
 * bench/registry). Loaded once at start, then kept current by every write {@code DeviceStore} makes
 * ({@link DeviceWrites}). It assumes one server writes the store, as the design has it.
 */
@Component(service = ListingIndex.class)
public final class ListingIndex implements DeviceWrites {

    private static final Logger LOG = LoggerFactory.getLogger(ListingIndex.class);
    private static final int LOAD_BATCH = 2000;

    /**
     * One listed device.
     *
     * @param available whether no rental holds it
     * @param rentedUntil when its rental ends, if one holds it and is active
     */
    public record Entry(Device device, boolean available, Instant rentedUntil) {
    }

    private final MongoCollection<Document> devices;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Activate
    public ListingIndex(@Reference MongoStore store) {
        this.devices = store.database().getCollection("devices");
        changedAll();
    }

    /**
     * @param matching which entries count
     * @param order the order of the result
     * @return the total number of matching entries and the {@code limit} of them after {@code skip}
     */
    public Result search(Predicate<Entry> matching, Comparator<Entry> order, int skip, int limit) {
        int wanted = skip + limit;
        // the best `wanted` entries, worst on top, so a search never sorts all of them
        PriorityQueue<Entry> best = new PriorityQueue<>(Math.max(1, Math.min(wanted, 1024)), order.reversed());
        long total = 0;
        for (Entry entry : entries.values()) {
            if (!matching.test(entry)) {
                continue;
            }
            total++;
            if (best.size() < wanted) {
                best.add(entry);
            } else if (order.compare(entry, best.peek()) < 0) {
                best.poll();
                best.add(entry);
            }
        }
        List<Entry> ordered = new ArrayList<>(best);
        ordered.sort(order);
        List<Entry> page = skip >= ordered.size() ? List.of() : ordered.subList(skip, ordered.size());
        return new Result(Collections.unmodifiableList(new ArrayList<>(page)), total);
    }

    /** A page of entries and how many matched in all. */
    public record Result(List<Entry> page, long total) {
    }

    @Override
    public void changed(Document device) {
        String id = device.getString("_id");
        if (device.getString(DeviceFields.PUBLIC_KEY) == null) {
            entries.remove(id);
        } else {
            entries.put(id, new Entry(DeviceDocuments.device(device), !device.containsKey(DeviceFields.RENTAL_ID),
                    OwnerStore.instant(device, DeviceFields.RENTED_UNTIL)));
        }
    }

    @Override
    public void changed(String deviceId) {
        Document device = devices.find(Filters.eq("_id", deviceId)).first();
        if (device == null) {
            entries.remove(deviceId);
        } else {
            changed(device);
        }
    }

    @Override
    public void seen(String deviceId, Instant lastSeen) {
        entries.computeIfPresent(deviceId, (id, entry) -> new Entry(seenAt(entry.device(), lastSeen),
                entry.available(), entry.rentedUntil()));
    }

    @Override
    public void removed(String deviceId) {
        entries.remove(deviceId);
    }

    @Override
    public void changedAll() {
        long started = System.nanoTime();
        Map<String, Entry> loaded = new ConcurrentHashMap<>();
        // in batches: a single reply with every device outgrows the wire protocol's message limit
        for (Document device : devices.find(Filters.exists(DeviceFields.PUBLIC_KEY, true)).batchSize(LOAD_BATCH)) {
            loaded.put(device.getString("_id"), new Entry(DeviceDocuments.device(device),
                    !device.containsKey(DeviceFields.RENTAL_ID), OwnerStore.instant(device, DeviceFields.RENTED_UNTIL)));
        }
        entries.keySet().retainAll(loaded.keySet());
        entries.putAll(loaded);
        LOG.info("Listing index holds {} registered devices (loaded in {} ms)", loaded.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Device seenAt(Device d, Instant lastSeen) {
        return new Device(d.id(), d.ownerId(), d.name(), d.description(), d.currency(), d.pricing(), d.hardware(),
                d.publicKey(), d.keyFingerprint(), d.tunnelPort(), d.subdomain(), d.createdAt(), d.registeredAt(),
                lastSeen, d.tunnelConnected());
    }
}
