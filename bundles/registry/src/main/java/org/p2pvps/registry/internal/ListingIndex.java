package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.listing.ListingQuery;
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
 * The registered devices as listings see them, in memory, presorted for every result order
 * ({@link ListingOrders}): a search walks the order it asks for and has its page after the first few
 * matches; only a filtered total costs a pass, over primitive fields ({@link ListingSlot}). The embedded
 * store has no secondary indexes, so it cannot answer listings itself (see bench/registry). Loaded once at
 * start, then kept current by every write {@code DeviceStore} makes ({@link DeviceWrites}). It assumes one
 * server writes the store, as the design has it.
 *
 * <p>Searches read without locking. Writes are serialized on this object: a write that keeps a device's
 * sort keys (heartbeat, tunnel, rental) swaps the device's entry in place; one that changes them (new,
 * re-registered, re-priced or removed device) publishes new orders.
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

    /** A page of entries and how many matched in all. */
    public record Result(List<Entry> page, long total) {
    }

    private final MongoCollection<Document> devices;
    /** Guarded by {@code this}. */
    private final Map<String, ListingSlot> slots = new HashMap<>();
    private volatile ListingOrders orders = ListingOrders.EMPTY;

    @Activate
    public ListingIndex(@Reference MongoStore store) {
        this.devices = store.database().getCollection("devices");
        changedAll();
    }

    /**
     * @param query a valid query: filters, order, page and size
     * @param onlineSince the earliest last sign of life that counts as online now ({@link RegistryOptions#onlineSince})
     * @return page {@code query.page()} of the matching entries in the query's order, and how many match
     */
    public Result search(ListingQuery query, Instant onlineSince) {
        ListingSlot[] order = orders.in(query.sort(), query.period());
        boolean byPrice = query.sort() == ListingQuery.Sort.PRICE;
        int end = byPrice && query.maxPrice() != null
                ? firstAbove(order, query.period().ordinal(), query.maxPrice()) : order.length;
        int skip = query.page() * query.size();
        List<Entry> page = new ArrayList<>(Math.min(query.size(), Math.max(0, end - skip)));
        ListingFilter filter = new ListingFilter(query, onlineSince);
        if (!filter.narrows(byPrice)) {
            for (int i = skip; i < end && page.size() < query.size(); i++) {
                page.add(order[i].entry());
            }
            return new Result(List.copyOf(page), end);
        }
        long total = 0;
        for (int i = 0; i < end; i++) {
            ListingSlot slot = order[i];
            if (filter.matches(slot)) {
                if (total >= skip && page.size() < query.size()) {
                    page.add(slot.entry());
                }
                total++;
            }
        }
        return new Result(List.copyOf(page), total);
    }

    /** @return the index of the first slot in {@code cheapest}, ordered by price {@code period}, that costs more than {@code max} */
    private static int firstAbove(ListingSlot[] cheapest, int period, long max) {
        int low = 0;
        int high = cheapest.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cheapest[middle].price(period) <= max) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public void changed(Document device) {
        if (device.getString(DeviceFields.PUBLIC_KEY) == null) {
            removed(device.getString("_id"));
        } else {
            put(entry(device));
        }
    }

    @Override
    public void changed(String deviceId) {
        Document device = devices.find(Filters.eq("_id", deviceId)).first();
        if (device == null) {
            removed(deviceId);
        } else {
            changed(device);
        }
    }

    @Override
    public synchronized void seen(String deviceId, Instant lastSeen) {
        ListingSlot slot = slots.get(deviceId);
        if (slot != null) {
            Entry entry = slot.entry();
            slot.entry(new Entry(seenAt(entry.device(), lastSeen), entry.available(), entry.rentedUntil()));
        }
    }

    @Override
    public synchronized void removed(String deviceId) {
        ListingSlot gone = slots.remove(deviceId);
        if (gone != null) {
            orders = orders.replace(gone, null);
        }
    }

    @Override
    public void changedAll() {
        long started = System.nanoTime();
        List<Entry> loaded = new ArrayList<>();
        // in batches: a single reply with every device outgrows the wire protocol's message limit
        for (Document device : devices.find(Filters.exists(DeviceFields.PUBLIC_KEY, true)).batchSize(LOAD_BATCH)) {
            loaded.add(entry(device));
        }
        synchronized (this) {
            slots.clear();
            for (Entry entry : loaded) {
                slots.put(entry.device().id(), new ListingSlot(entry));
            }
            orders = ListingOrders.of(slots.values());
        }
        LOG.info("Listing index holds {} registered devices (loaded in {} ms)", loaded.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private synchronized void put(Entry entry) {
        ListingSlot current = slots.get(entry.device().id());
        if (current != null && current.takes(entry)) {
            current.entry(entry);
            return;
        }
        ListingSlot next = new ListingSlot(entry);
        slots.put(next.id, next);
        orders = orders.replace(current, next);
    }

    private static Entry entry(Document device) {
        return new Entry(DeviceDocuments.device(device), !device.containsKey(DeviceFields.RENTAL_ID),
                OwnerStore.instant(device, DeviceFields.RENTED_UNTIL));
    }

    private static Device seenAt(Device d, Instant lastSeen) {
        return new Device(d.id(), d.ownerId(), d.name(), d.description(), d.currency(), d.pricing(), d.hardware(),
                d.publicKey(), d.keyFingerprint(), d.tunnelPort(), d.subdomain(), d.createdAt(), d.registeredAt(),
                lastSeen, d.tunnelConnected());
    }
}
