package org.p2pvps.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import com.mongodb.client.model.Projections;

/**
 * The registered devices as listings see them, in memory, presorted for every result order
 * ({@link ListingOrders}): a search walks the order it asks for and has its page after the first few
 * matches; only a filtered total costs a pass, over primitive fields ({@link ListingSlot}). The embedded
 * store has no secondary indexes, so it cannot answer listings itself (see bench/registry). Loaded once at
 * start, then kept current by every write {@code DeviceStore} makes ({@link DeviceWrites}). It assumes one
 * server writes the store, as the design has it.
 *
 * <p>Searches read without locking. Writes are serialized on this object, and a changed device is read from
 * the store while holding it, so the index always ends on the latest stored state whatever order racing
 * writers reach it in. A write that keeps a device's sort keys (heartbeat, tunnel, rental) swaps the
 * device's state in place; one that changes them (new, re-registered, re-priced or removed device)
 * publishes new orders.
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
        load();
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
            ListingSlot.State state = slot.state();
            if (filter.matches(slot, state.onlineKey())) {
                if (total >= skip && page.size() < query.size()) {
                    page.add(state.entry());
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

    /** Re-reads the device under the write lock, so that of racing writes the last one applied shows the latest. */
    @Override
    public synchronized void changed(String deviceId) {
        Document device = devices.find(Filters.eq("_id", deviceId)).first();
        if (device == null || device.getString(DeviceFields.PUBLIC_KEY) == null) {
            removed(deviceId);
        } else {
            put(entry(device));
        }
    }

    /** Keeps the later of the listed and the reported sign of life: a heartbeat can land after a newer write. */
    @Override
    public synchronized void seen(String deviceId, Instant lastSeen) {
        ListingSlot slot = slots.get(deviceId);
        Device device = slot == null ? null : slot.entry().device();
        if (device != null && (device.lastSeen() == null || device.lastSeen().isBefore(lastSeen))) {
            slot.entry(with(slot.entry(), lastSeen, device.tunnelConnected()));
        }
    }

    @Override
    public synchronized void removed(String deviceId) {
        ListingSlot gone = slots.get(deviceId);
        if (gone != null) {
            orders = orders.replace(gone, null);
            slots.remove(deviceId);
        }
    }

    /**
     * Sets the tunnel down in place (no sort key moves), except on devices the store shows connected again: a
     * tunnel that came up after the store cleared it was applied here already and stays up.
     */
    @Override
    public synchronized void tunnelsCleared() {
        Set<String> connected = new HashSet<>();
        for (Document device : devices.find(Filters.eq(DeviceFields.TUNNEL_CONNECTED, true))
                .projection(Projections.include("_id"))) {
            connected.add(device.getString("_id"));
        }
        for (ListingSlot slot : slots.values()) {
            Entry entry = slot.entry();
            if (entry.device().tunnelConnected() && !connected.contains(slot.id)) {
                slot.entry(with(entry, entry.device().lastSeen(), false));
            }
        }
    }

    /** Only at activation, before any write can reach this index. */
    private void load() {
        long started = System.nanoTime();
        // in batches: a single reply with every device outgrows the wire protocol's message limit
        for (Document device : devices.find(Filters.exists(DeviceFields.PUBLIC_KEY, true)).batchSize(LOAD_BATCH)) {
            Entry entry = entry(device);
            slots.put(entry.device().id(), new ListingSlot(entry));
        }
        orders = ListingOrders.of(slots.values());
        LOG.info("Listing index holds {} registered devices (loaded in {} ms)", slots.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The new orders first: should they fail, slots and orders still agree. */
    private void put(Entry entry) {
        ListingSlot current = slots.get(entry.device().id());
        if (current != null && current.takes(entry)) {
            current.entry(entry);
            return;
        }
        ListingSlot next = new ListingSlot(entry);
        orders = orders.replace(current, next);
        slots.put(next.id, next);
    }

    private static Entry entry(Document device) {
        return new Entry(DeviceDocuments.device(device), !device.containsKey(DeviceFields.RENTAL_ID),
                OwnerStore.instant(device, DeviceFields.RENTED_UNTIL));
    }

    private static Entry with(Entry entry, Instant lastSeen, boolean tunnelConnected) {
        Device d = entry.device();
        return new Entry(new Device(d.id(), d.ownerId(), d.name(), d.description(), d.currency(), d.pricing(),
                d.hardware(), d.publicKey(), d.keyFingerprint(), d.tunnelPort(), d.subdomain(), d.createdAt(),
                d.registeredAt(), lastSeen, tunnelConnected), entry.available(), entry.rentedUntil());
    }
}
