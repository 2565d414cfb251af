import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bson.Document;

import org.p2pvps.device.Period;
import org.p2pvps.listing.ListingQuery;
import org.p2pvps.registry.internal.ListingIndex;
import org.p2pvps.registry.internal.ListingSearch;
import org.p2pvps.registry.internal.PortRange;
import org.p2pvps.registry.internal.RegistryOptions;
import org.p2pvps.store.internal.MongoStoreComponent;
import org.p2pvps.store.internal.StoreOptions;

/**
 * The listing search alone, in process (no HTTP, no store reads while searching): N devices of {@link Seed}'s
 * shape stored, then fed to the index as writes (each reads its device by id), then the bench's queries
 * timed one after another on one thread.
 *
 * <pre>java -cp 'classes:registry and store jars' IndexBench DEVICES REQUESTS</pre>
 */
public final class IndexBench {

    private IndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("index-bench");
        try (MongoStoreComponent store = new MongoStoreComponent(new StoreOptions(null, "p2pvps", dir, 0))) {
            ListingIndex index = new ListingIndex(store);
            Random random = new Random(42L);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long now = System.currentTimeMillis();
            // stored first, untimed: a write to the index reads the device from the store by id
            List<String> ids = new ArrayList<>(count);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Document device = Seed.device(i, "owner", now, 0.3, random, sha256);
                ids.add(device.getString("_id"));
                batch.add(device);
                if (batch.size() == 1000 || i == count - 1) {
                    store.database().getCollection("devices").insertMany(batch);
                    batch.clear();
                }
            }
            long started = System.nanoTime();
            int last = Math.min(1000, count);
            for (int i = 0; i < count - last; i++) {
                index.changed(ids.get(i));
            }
            long lastStarted = System.nanoTime();
            for (int i = count - last; i < count; i++) {
                index.changed(ids.get(i));
            }
            long ended = System.nanoTime();
            System.out.printf("%d devices fed as writes in %d ms; the last %d took %.3f ms each%n", count,
                    (ended - started) / 1_000_000, last, (ended - lastStarted) / 1e6 / last);
            started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                index.seen(String.format("%024x", 0xbe0c_0000_0000L + i), java.time.Instant.ofEpochMilli(now));
            }
            System.out.printf("heartbeats: %.3f ms each%n", (System.nanoTime() - started) / 1e6 / count);
            RegistryOptions options = new RegistryOptions(Duration.ofHours(12), PortRange.of(20000, 39999),
                    Duration.ofSeconds(30), Duration.ofSeconds(3600), "127.0.0.1", 2222, 4, 1 << 20);
            ListingSearch search = new ListingSearch(index, options, Clock.systemUTC());
            time(search, "q1 no filter, NEWEST", new ListingQuery(null, null, null, null, null, null, null, null, 0, 20),
                    requests);
            time(search, "q2 minCores=8 HOUR maxPrice=100 PRICE", new ListingQuery(8, null, null, 100L, Period.HOUR,
                    null, null, ListingQuery.Sort.PRICE, 0, 20), requests);
            time(search, "q3 online=true", new ListingQuery(null, null, null, null, null, null, true, null, 0, 20),
                    requests);
            time(search, "q4 arch=arm64 minMemoryMb=8192 CORES page 3",
                    new ListingQuery(null, 8192L, null, null, null, "arm64", null, ListingQuery.Sort.CORES, 3, 50),
                    requests);
        }
    }

    private static void time(ListingSearch search, String label, ListingQuery query, int requests) {
        for (int i = 0; i < Math.max(20, requests / 5); i++) { // warm-up
            search.search(query);
        }
        long[] nanos = new long[requests];
        long total = 0;
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            total = search.search(query).total();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf("%-45s total %6d  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n", label, total,
                nanos[requests / 2] / 1e6, nanos[requests * 99 / 100] / 1e6, nanos[requests - 1] / 1e6);
    }
}
