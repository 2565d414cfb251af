package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.device.Device;
import org.p2pvps.device.Period;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.listing.ListingQuery.Sort;
import org.p2pvps.registry.internal.store.DeviceDocuments;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.registry.internal.store.DeviceStore;
import org.p2pvps.store.internal.MongoStoreComponent;
import org.p2pvps.store.internal.StoreOptions;

import com.mongodb.client.model.ReplaceOptions;

/**
 * The listing index against the real store: what it loads, how it follows writes, and that every search
 * (order, filters, paging, total) answers what a plain filter-and-sort over all devices answers.
 */
class ListingIndexTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant ONLINE_SINCE = NOW.minusSeconds(90);

    @TempDir
    Path dir;

    private MongoStoreComponent store;

    @BeforeEach
    void open() {
        store = new MongoStoreComponent(new StoreOptions(null, "p2pvps", dir, 0));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static Document device(String id, int cores, boolean registered) {
        Document device = new Document("_id", id).append(DeviceFields.OWNER_ID, "o").append(DeviceFields.NAME, id)
                .append(DeviceFields.CURRENCY, "EUR").append(DeviceFields.PRICING, new Document("HOUR", 10L))
                .append(DeviceFields.CREATED_AT, new Date(0));
        if (registered) {
            device.append(DeviceFields.PUBLIC_KEY, "ssh-ed25519 AAAA" + id)
                    .append(DeviceFields.HARDWARE, hardware(cores, 1024L, 1L, "amd64"))
                    .append(DeviceFields.REGISTERED_AT, new Date(1000L * cores));
        }
        return device;
    }

    private static Document hardware(int cores, long memoryMb, long diskMb, String arch) {
        return new Document("cpuModel", "x").append("cores", cores).append("memoryMb", memoryMb)
                .append("diskMb", diskMb).append("arch", arch);
    }

    /** A registered device with few distinct values per key, so that every order has many ties. */
    private static Document randomDevice(String id, Random random) {
        Document pricing = new Document();
        for (Period period : Period.values()) {
            if (random.nextInt(3) > 0) {
                pricing.append(period.name(), (long) random.nextInt(5) * 10);
            }
        }
        Document device = new Document("_id", id).append(DeviceFields.OWNER_ID, "o").append(DeviceFields.NAME, id)
                .append(DeviceFields.CURRENCY, "EUR").append(DeviceFields.PRICING, pricing)
                .append(DeviceFields.CREATED_AT, new Date(0))
                .append(DeviceFields.PUBLIC_KEY, "ssh-ed25519 AAAA" + id);
        if (random.nextInt(10) > 0) {
            device.append(DeviceFields.HARDWARE, hardware(1 << random.nextInt(4), 1024L << random.nextInt(3),
                    1000L * (1 + random.nextInt(3)), random.nextBoolean() ? "amd64" : "arm64"));
        }
        if (random.nextInt(10) > 0) {
            device.append(DeviceFields.REGISTERED_AT, new Date(NOW.toEpochMilli() - 1000L * random.nextInt(4)));
        }
        switch (random.nextInt(5)) {
            case 0 -> device.append(DeviceFields.LAST_SEEN, Date.from(NOW.minusSeconds(10)));
            case 1 -> device.append(DeviceFields.LAST_SEEN, Date.from(NOW.minusSeconds(3600)));
            case 2 -> device.append(DeviceFields.LAST_SEEN, Date.from(ONLINE_SINCE)); // just online
            case 3 -> device.append(DeviceFields.LAST_SEEN, Date.from(ONLINE_SINCE.minusMillis(1))); // just not
            default -> { } // never seen
        }
        if (random.nextInt(5) == 0) {
            device.append(DeviceFields.TUNNEL_CONNECTED, true);
        }
        return device;
    }

    @Test
    void loadsRegisteredDevicesAndFollowsWrites() {
        var devices = store.database().getCollection("devices");
        devices.insertOne(device("a", 2, true));
        devices.insertOne(device("b", 4, false));
        ListingIndex index = new ListingIndex(store);
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("a");

        devices.insertOne(device("c", 8, true));
        index.changed("c");
        index.seen("a", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("c", "a");
        assertThat(entry(index, "a").device().lastSeen()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        index.seen("a", Instant.parse("2029-12-31T23:59:59Z")); // a heartbeat overtaken by a later one
        assertThat(entry(index, "a").device().lastSeen()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));

        devices.deleteOne(new Document("_id", "c"));
        index.removed("c");
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("a");
        devices.insertOne(device("d", 16, true));
        devices.deleteOne(new Document("_id", "a"));
        index = new ListingIndex(store);
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("d");
        index.changed("gone");
        index.seen("gone", NOW);
        index.removed("gone");
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("d");
    }

    @Test
    void everyOrderFilterAndPageMatchesAPlainFilterAndSort() {
        Random random = new Random(11);
        var devices = store.database().getCollection("devices");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(randomDevice(String.format("d%03d", random.nextInt(1000)) + "-" + i, random));
        }
        devices.insertMany(all);
        ListingIndex index = new ListingIndex(store);
        List<Device> reference = all.stream().map(DeviceDocuments::device)
                .toList();

        for (int round = 0; round < 600; round++) {
            ListingQuery query = randomQuery(random);
            List<Device> expected = reference.stream().filter(d -> matches(d, query)).sorted(order(query)).toList();
            ListingIndex.Result result = index.search(query, ONLINE_SINCE);
            int skip = query.page() * query.size();
            assertThat(result.total()).as("%s", query).isEqualTo(expected.size());
            assertThat(result.page().stream().map(e -> e.device().id()).toList()).as("%s", query)
                    .isEqualTo(expected.subList(Math.min(skip, expected.size()),
                            Math.min(skip + query.size(), expected.size())).stream().map(Device::id).toList());
        }
    }

    @Test
    void pagingEdges() {
        var devices = store.database().getCollection("devices");
        for (int i = 0; i < 25; i++) {
            devices.insertOne(device(String.format("p%02d", i), 1 + i % 3, true));
        }
        ListingIndex index = new ListingIndex(store);
        assertThat(ids(index, query(Sort.CORES, 0, 10))).hasSize(10);
        assertThat(ids(index, query(Sort.CORES, 2, 10))).hasSize(5);
        assertThat(index.search(query(Sort.CORES, 2, 10), ONLINE_SINCE).total()).isEqualTo(25);
        assertThat(ids(index, query(Sort.CORES, 5, 5))).isEmpty();
        assertThat(ids(index, query(Sort.CORES, 3, 10))).isEmpty();
        assertThat(index.search(query(Sort.CORES, 3, 10), ONLINE_SINCE).total()).isEqualTo(25);
        assertThat(ids(index, query(Sort.CORES, 24, 1))).hasSize(1);
        assertThat(ids(index, query(Sort.CORES, 25, 1))).isEmpty();
        List<String> oneByOne = new ArrayList<>();
        for (int page = 0; page < 25; page++) {
            oneByOne.addAll(ids(index, query(Sort.CORES, page, 1)));
        }
        assertThat(oneByOne).isEqualTo(ids(index, query(Sort.CORES, 0, 25))).doesNotHaveDuplicates();
        // ties on cores fall back to the id, smaller first
        assertThat(oneByOne.subList(0, 8)).containsExactly("p02", "p05", "p08", "p11", "p14", "p17", "p20", "p23");

        store.database().getCollection("devices").deleteMany(new Document());
        ListingIndex empty = new ListingIndex(store);
        ListingIndex.Result none = empty.search(new ListingQuery(null, null, null, 5L, Period.HOUR, null, true,
                Sort.PRICE, 0, 10), ONLINE_SINCE);
        assertThat(none.page()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void everyKindOfWriteShowsInTheNextSearch() {
        ListingIndex index = new ListingIndex(store);
        Document a = device("a", 4, true).append(DeviceFields.LAST_SEEN, Date.from(NOW.minusSeconds(3600)));
        Document b = device("b", 2, true).append(DeviceFields.LAST_SEEN, Date.from(NOW.minusSeconds(3600)));
        write(index, a);
        write(index, b);
        ListingQuery cheapHourly = new ListingQuery(null, null, null, 10L, Period.HOUR, null, null, Sort.PRICE, 0, 10);
        assertThat(ids(index, cheapHourly)).containsExactly("a", "b");

        write(index, a.append(DeviceFields.PRICING, new Document("HOUR", 50L).append("DAY", 5L)));
        assertThat(ids(index, cheapHourly)).containsExactly("b");
        assertThat(ids(index, new ListingQuery(null, null, null, null, Period.DAY, null, null, Sort.PRICE, 0, 10)))
                .containsExactly("a");

        write(index, b.append(DeviceFields.HARDWARE, hardware(32, 65536L, 1L, "arm64")));
        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("b", "a");
        assertThat(ids(index, query(Sort.MEMORY, 0, 10))).containsExactly("b", "a");
        assertThat(ids(index, new ListingQuery(8, null, null, null, null, "ARM64", null, null, 0, 10)))
                .containsExactly("b");

        ListingQuery online = new ListingQuery(null, null, null, null, null, null, true, null, 0, 10);
        assertThat(ids(index, online)).isEmpty();
        index.seen("a", NOW);
        assertThat(ids(index, online)).containsExactly("a");
        write(index, b.append(DeviceFields.TUNNEL_CONNECTED, true));
        assertThat(ids(index, online)).containsExactly("a", "b");
        write(index, b.append(DeviceFields.TUNNEL_CONNECTED, false));
        assertThat(ids(index, online)).containsExactly("a");
        assertThat(ids(index, new ListingQuery(null, null, null, null, null, null, false, null, 0, 10)))
                .containsExactly("b");

        Instant until = NOW.plusSeconds(7200);
        write(index, a.append(DeviceFields.RENTAL_ID, "r1").append(DeviceFields.RENTED_UNTIL, Date.from(until)));
        assertThat(entry(index, "a").available()).isFalse();
        assertThat(entry(index, "a").rentedUntil()).isEqualTo(until);
        assertThat(entry(index, "a").device().lastSeen()).isEqualTo(NOW.minusSeconds(3600)); // as the document says
        a.remove(DeviceFields.RENTAL_ID);
        a.remove(DeviceFields.RENTED_UNTIL);
        write(index, a);
        assertThat(entry(index, "a").available()).isTrue();
        assertThat(entry(index, "a").rentedUntil()).isNull();

        write(index, b.append(DeviceFields.REGISTERED_AT, new Date(NOW.toEpochMilli())));
        assertThat(ids(index, query(Sort.NEWEST, 0, 10))).containsExactly("b", "a");
        write(index, new Document(b).append(DeviceFields.PUBLIC_KEY, null)); // unregistered again
        assertThat(ids(index, query(Sort.NEWEST, 0, 10))).containsExactly("a");
        index.removed("a");
        assertThat(index.search(query(Sort.NEWEST, 0, 10), ONLINE_SINCE).total()).isZero();
    }

    @Test
    void concurrentWritersAndReadersLoseNothing() throws Exception {
        ListingIndex index = new ListingIndex(store);
        int writers = 4;
        int perWriter = 300;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Long> lastHourPrice = new ConcurrentHashMap<>();
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                ListingQuery query = r == 0 ? query(Sort.CORES, 0, 100)
                        : new ListingQuery(2, null, null, 1000L, Period.HOUR, null, true, Sort.PRICE, 0, 50);
                readers.add(pool.submit(() -> {
                    start.await();
                    Comparator<Device> order = order(query);
                    while (writing.get()) {
                        ListingIndex.Result result = index.search(query, ONLINE_SINCE);
                        List<Device> page = result.page().stream().map(ListingIndex.Entry::device).toList();
                        assertThat(result.total()).isGreaterThanOrEqualTo(page.size());
                        assertThat(page).isSortedAccordingTo(order);
                    }
                    return null;
                }));
            }
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(writer);
                    for (int i = 0; i < perWriter; i++) {
                        String id = "w" + writer + "-" + random.nextInt(40);
                        switch (random.nextInt(4)) {
                            case 0 -> {
                                store.database().getCollection("devices").deleteOne(new Document("_id", id));
                                index.removed(id);
                                lastHourPrice.remove(id);
                            }
                            case 1 -> index.seen(id, NOW);
                            default -> {
                                long price = random.nextInt(1000);
                                write(index, device(id, 1 + random.nextInt(8), true)
                                        .append(DeviceFields.PRICING, new Document("HOUR", price)));
                                lastHourPrice.put(id, price);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ListingIndex.Result all = index.search(query(Sort.CORES, 0, writers * 40), ONLINE_SINCE);
        Map<String, Long> listed = new ConcurrentHashMap<>();
        all.page().forEach(e -> listed.put(e.device().id(), e.device().pricing().get(Period.HOUR)));
        assertThat(all.total()).isEqualTo(lastHourPrice.size());
        assertThat(listed).isEqualTo(lastHourPrice);
        assertThat(index.search(new ListingQuery(null, null, null, null, Period.HOUR, null, null, Sort.PRICE, 0, 1),
                ONLINE_SINCE).total()).isEqualTo(lastHourPrice.size());
    }

    @Test
    void aDeviceReadBeforeANewerWriteIsNotAppliedAfterIt() throws Exception {
        var devices = store.database().getCollection("devices");
        devices.insertOne(device("a", 2, true));
        ListingIndex index = new ListingIndex(store);
        DeviceStore deviceStore = new DeviceStore(store.database(), index);

        // a release reports while a claim is applied: the release must not show its older read of the device
        whileWriteWaits(index, () -> index.changed("a"), () -> assertThat(deviceStore.claim("a", "r1")).isTrue());

        assertThat(entry(index, "a").available()).isFalse();
    }

    @Test
    void clearingTunnelsLosesNoWriteMadeMeanwhile() throws Exception {
        var devices = store.database().getCollection("devices");
        devices.insertOne(device("a", 2, true).append(DeviceFields.TUNNEL_CONNECTED, true));
        devices.insertOne(device("b", 4, true).append(DeviceFields.TUNNEL_CONNECTED, true));
        devices.insertOne(device("c", 8, true));
        ListingIndex index = new ListingIndex(store);
        DeviceStore deviceStore = new DeviceStore(store.database(), index);

        whileWriteWaits(index, deviceStore::clearTunnels, () -> {
            assertThat(deviceStore.claim("a", "r1")).isTrue();
            assertThat(deviceStore.recordTunnel("b", true, NOW)).isTrue(); // up again on the new gateway
            assertThat(deviceStore.deleteOwnedUnrented("c", "o")).isTrue();
        });

        assertThat(ids(index, query(Sort.CORES, 0, 10))).containsExactly("b", "a");
        assertThat(entry(index, "a").available()).isFalse();
        assertThat(entry(index, "a").device().tunnelConnected()).isFalse();
        assertThat(entry(index, "b").device().tunnelConnected()).isTrue();
        assertThat(entry(index, "b").device().lastSeen()).isEqualTo(NOW);
    }

    /** Each change of sort keys, applied to the orders one at a time, gives what sorting afresh gives. */
    @Test
    void replacingSlotsKeepsEveryOrderAsSortingAfreshWould() {
        Random random = new Random(5);
        Map<String, ListingSlot> current = new HashMap<>();
        ListingOrders orders = ListingOrders.EMPTY;
        for (int step = 0; step < 1500; step++) {
            String id = "r" + random.nextInt(60);
            ListingSlot gone = current.get(id);
            ListingSlot added = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> gone == null ? null : new ListingSlot(gone.entry()); // same keys, new slot
                default -> new ListingSlot(new ListingIndex.Entry(
                        DeviceDocuments.device(randomDevice(id, random)), true, null));
            };
            orders = orders.replace(gone, added);
            if (added == null) {
                current.remove(id);
            } else {
                current.put(id, added);
            }
            ListingOrders sorted = ListingOrders.of(current.values());
            for (Sort sort : Sort.values()) {
                for (Period period : Period.values()) {
                    assertThat(orders.in(sort, period)).as("%s %s after step %d", sort, period, step)
                            .containsExactly(sorted.in(sort, period));
                }
            }
        }
    }

    /**
     * Runs {@code write} on another thread while this one holds the index's lock (the index locks on itself),
     * and {@code meanwhile} here once {@code write} waits for that lock; then lets {@code write} finish.
     */
    private static void whileWriteWaits(ListingIndex index, Runnable write, Runnable meanwhile) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(write, "index-writer");
        writer.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        synchronized (index) {
            writer.start();
            while (threads.getThreadInfo(writer.getId()) != null
                    && threads.getThreadInfo(writer.getId()).getLockOwnerId() != Thread.currentThread().getId()) {
                Thread.onSpinWait();
            }
            assertThat(writer.isAlive()).as("the write waits for the index, it did not finish").isTrue();
            meanwhile.run();
        }
        writer.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void onlineKeysKeepTheOrderOfInstants() {
        List<Instant> instants = List.of(Instant.MIN, Instant.parse("1500-01-01T00:00:00Z"),
                Instant.EPOCH.minusNanos(1), Instant.EPOCH, ONLINE_SINCE.minusNanos(1), ONLINE_SINCE,
                ONLINE_SINCE.plusNanos(1), Instant.parse("2300-01-01T00:00:00Z"), Instant.MAX);
        List<Long> keys = instants.stream().map(ListingSlot::epochNanos).toList();
        assertThat(keys).isSorted().allMatch(key -> key > ListingSlot.NEVER_SEEN && key < Long.MAX_VALUE);
        assertThat(keys.subList(2, 7)).doesNotHaveDuplicates();
    }

    /** Stores {@code device} as it stands and tells the index, as {@code DeviceStore} does. */
    private void write(ListingIndex index, Document device) {
        store.database().getCollection("devices").replaceOne(new Document("_id", device.get("_id")), device,
                new ReplaceOptions().upsert(true));
        index.changed(device.getString("_id"));
    }

    private static ListingQuery randomQuery(Random random) {
        Period period = random.nextInt(3) == 0 ? null : Period.values()[random.nextInt(Period.values().length)];
        Sort sort = random.nextInt(5) == 0 ? null : Sort.values()[random.nextInt(Sort.values().length)];
        if (sort == Sort.PRICE && period == null) {
            period = Period.DAY;
        }
        return new ListingQuery(
                random.nextInt(3) == 0 ? 1 << random.nextInt(4) : null,
                random.nextInt(4) == 0 ? 1024L << random.nextInt(3) : null,
                random.nextInt(4) == 0 ? 1000L * random.nextInt(4) : null,
                period != null && random.nextBoolean() ? (long) random.nextInt(5) * 10 : null,
                period,
                random.nextInt(4) == 0 ? (random.nextBoolean() ? "ARM64" : "amd64") : null,
                random.nextInt(3) == 0 ? random.nextBoolean() : null,
                sort,
                random.nextInt(4),
                1 + random.nextInt(60));
    }

    /** The documented filters, written plainly. */
    private static boolean matches(Device device, ListingQuery query) {
        var hardware = device.hardware();
        boolean hardwareFilter = query.minCores() != null || query.minMemoryMb() != null
                || query.minDiskMb() != null || query.arch() != null;
        if (hardwareFilter && hardware == null) {
            return false;
        }
        if (query.minCores() != null && hardware.cores() < query.minCores()
                || query.minMemoryMb() != null && hardware.memoryMb() < query.minMemoryMb()
                || query.minDiskMb() != null && hardware.diskMb() < query.minDiskMb()
                || query.arch() != null && !query.arch().equalsIgnoreCase(hardware.arch())) {
            return false;
        }
        if (query.period() != null) {
            Long price = device.pricing().get(query.period());
            if (price == null || query.maxPrice() != null && price > query.maxPrice()) {
                return false;
            }
        }
        boolean online = device.tunnelConnected()
                || device.lastSeen() != null && !device.lastSeen().isBefore(ONLINE_SINCE);
        return query.online() == null || query.online() == online;
    }

    /** The documented orders, written plainly: ties go to the id (descending for NEWEST, ascending otherwise). */
    private static Comparator<Device> order(ListingQuery query) {
        Comparator<Device> byId = Comparator.comparing(Device::id);
        return switch (query.sort() == null ? Sort.NEWEST : query.sort()) {
            case NEWEST -> Comparator.comparing(Device::registeredAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(byId.reversed());
            case PRICE -> Comparator.comparing((Device d) -> d.pricing().get(query.period())).thenComparing(byId);
            case CORES -> Comparator.comparing((Device d) -> d.hardware() == null ? 0 : d.hardware().cores(),
                    Comparator.reverseOrder()).thenComparing(byId);
            case MEMORY -> Comparator.comparing((Device d) -> d.hardware() == null ? 0L : d.hardware().memoryMb(),
                    Comparator.reverseOrder()).thenComparing(byId);
        };
    }

    private static ListingQuery query(Sort sort, int page, int size) {
        return new ListingQuery(null, null, null, null, null, null, null, sort, page, size);
    }

    private static ListingIndex.Entry entry(ListingIndex index, String id) {
        return index.search(query(Sort.NEWEST, 0, 100), ONLINE_SINCE).page().stream()
                .filter(e -> e.device().id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> ids(ListingIndex index, ListingQuery query) {
        return index.search(query, ONLINE_SINCE).page().stream().map(e -> e.device().id()).toList();
    }
}
