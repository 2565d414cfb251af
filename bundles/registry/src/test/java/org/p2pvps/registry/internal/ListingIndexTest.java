package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.store.internal.MongoStoreComponent;
import org.p2pvps.store.internal.StoreOptions;

/** The listing index against the real store: what it loads, how it follows writes, and its top-k paging. */
class ListingIndexTest {

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
                    .append(DeviceFields.HARDWARE, new Document("cpuModel", "x").append("cores", cores)
                            .append("memoryMb", 1024L).append("diskMb", 1L).append("arch", "amd64"))
                    .append(DeviceFields.REGISTERED_AT, new Date(1000L * cores));
        }
        return device;
    }

    @Test
    void loadsRegisteredDevicesAndFollowsWrites() {
        var devices = store.database().getCollection("devices");
        devices.insertOne(device("a", 2, true));
        devices.insertOne(device("b", 4, false));
        ListingIndex index = new ListingIndex(store);
        assertThat(ids(index, 0, 10)).containsExactly("a");

        devices.insertOne(device("c", 8, true));
        index.changed("c");
        index.seen("a", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(ids(index, 0, 10)).containsExactly("c", "a");
        assertThat(index.search(e -> e.device().id().equals("a"), byCores(), 0, 1).page().get(0).device().lastSeen())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));

        devices.deleteOne(new Document("_id", "c"));
        index.removed("c");
        assertThat(ids(index, 0, 10)).containsExactly("a");
        devices.insertOne(device("d", 16, true));
        index.changedAll();
        assertThat(ids(index, 0, 10)).containsExactly("d", "a");
    }

    @Test
    void everyPageMatchesAFullSort() {
        Random random = new Random(7);
        var devices = store.database().getCollection("devices");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(device(String.format("d%03d", i), 1 + random.nextInt(16), true));
        }
        devices.insertMany(all);
        ListingIndex index = new ListingIndex(store);
        List<String> fullySorted = index.search(e -> true, byCores(), 0, 1000).page().stream()
                .map(e -> e.device().id()).toList();
        assertThat(fullySorted).hasSize(300);
        for (int skip = 0; skip < 320; skip += 37) {
            List<String> page = ids(index, skip, 25);
            assertThat(page).isEqualTo(fullySorted.subList(Math.min(skip, 300), Math.min(skip + 25, 300)));
        }
        assertThat(index.search(e -> e.device().hardware().cores() > 8, byCores(), 0, 5).total())
                .isEqualTo(all.stream().filter(d -> d.get(DeviceFields.HARDWARE, Document.class).getInteger("cores") > 8).count());
    }

    private static Comparator<ListingIndex.Entry> byCores() {
        return Comparator.comparingInt((ListingIndex.Entry e) -> -e.device().hardware().cores())
                .thenComparing(e -> e.device().id());
    }

    private static List<String> ids(ListingIndex index, int skip, int limit) {
        return index.search(e -> true, byCores(), skip, limit).page().stream().map(e -> e.device().id()).toList();
    }
}
