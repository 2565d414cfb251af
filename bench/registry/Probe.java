import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * Diagnosis experiment, run against the live embedded store of the benchmarked server:
 * <ol>
 * <li>the exact find (filter, sort, skip, limit) and countDocuments that ListingSearch issues for
 * each benchmarked query, timed separately, plus an {_id} lookup (served by the _id index) and the
 * {$and: [{_id}, {deviceTokenHash}]} shape that heartbeats and registrations use (no index: a walk in
 * _id order up to the device, timed for the first and the last device);</li>
 * <li>a sketch of the proposed fix: the same three searches over an in-memory column index of the
 * registered devices (plain arrays plus one presorted permutation per sort order, one pass per search).</li>
 * </ol>
 *
 * <pre>java -cp 'classes:system jars' Probe PORT DB ONLINE_WINDOW_SECONDS</pre>
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String db = args[1];
        long windowMs = Long.parseLong(args[2]) * 1000;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> devices = client.getDatabase(db).getCollection("devices");
            storeQueries(devices, windowMs, true);
            memoryIndex(devices, windowMs);
        }
    }

    /** Times the store-side queries; {@code detail} adds the index list, filter shapes and the extra shapes. */
    static void storeQueries(MongoCollection<Document> devices, long windowMs, boolean detail) {
        long total = devices.countDocuments();
        System.out.printf("PROBE devices=%d%n", total);
        Date since = new Date(System.currentTimeMillis() - windowMs);

        Bson registered = exists("publicKey", true);
        Bson q1 = and(registered);
        Bson s1 = Sorts.descending("registeredAt", "_id");
        Bson q2 = and(registered, gte("hardware.cores", 8), lte("pricing.HOUR", 100L));
        Bson s2 = Sorts.ascending("pricing.HOUR", "_id");
        Bson q3 = and(registered, gte("lastSeen", since));

        // heartbeats and registrations look a device up by {_id, token hash}; the store walks the
        // collection in _id order until it finds it, so the cost depends on where the device sits:
        // ObjectIds grow with time, the newest devices come last
        Document one = devices.find(registered).first();
        String id = one.getString("_id");
        String tokenHash = one.getString("deviceTokenHash");
        Document newest = devices.find(registered).sort(Sorts.descending("_id")).first();

        if (detail) {
            for (Document index : devices.listIndexes()) {
                System.out.printf("PROBE index %s%n", index.toJson());
            }
            System.out.printf("PROBE heartbeat filter as sent: %s%n",
                    and(eq("_id", id), eq("deviceTokenHash", tokenHash)).toBsonDocument().toJson());
            System.out.printf("PROBE q2 filter as sent: %s sort %s%n", q2.toBsonDocument().toJson(),
                    s2.toBsonDocument().toJson());
        }

        time("store find {_id} (unique _id index)", 20, () -> devices.find(eq("_id", id)).first());
        time("store find {$and:[{_id},{deviceTokenHash}]}, first device in _id order", 3,
                () -> devices.find(and(eq("_id", id), eq("deviceTokenHash", tokenHash))).first());
        time("store find {$and:[{_id},{deviceTokenHash}]}, last device in _id order (newest)", 3,
                () -> devices.find(and(eq("_id", newest.getString("_id")),
                        eq("deviceTokenHash", newest.getString("deviceTokenHash")))).first());
        time("store find {_id}, last device in _id order (newest)", 3,
                () -> devices.find(eq("_id", newest.getString("_id"))).first());
        time("store find {} limit 20, no sort (stops after 20)", 3, () -> devices.find().limit(20).into(new ArrayList<>()));
        time("store q1 find (no filter, NEWEST) limit 20", 3,
                () -> devices.find(q1).sort(s1).limit(20).into(new ArrayList<>()));
        time("store q1 countDocuments", 3, () -> devices.countDocuments(q1));
        time("store q2 find (minCores=8, HOUR<=100, PRICE) limit 20", 3,
                () -> devices.find(q2).sort(s2).limit(20).into(new ArrayList<>()));
        time("store q2 countDocuments", 3, () -> devices.countDocuments(q2));
        time("store q3 find (online=true, NEWEST) limit 20", 3,
                () -> devices.find(q3).sort(s1).limit(20).into(new ArrayList<>()));
        time("store q3 countDocuments", 3, () -> devices.countDocuments(q3));
        if (detail) {
            time("store q1 find page 100 (skip 2000) limit 20", 3,
                    () -> devices.find(q1).sort(s1).skip(2000).limit(20).into(new ArrayList<>()));
        }
    }

    /** The proposed fix, sketched: an in-memory column index of the registered devices. */
    static void memoryIndex(MongoCollection<Document> devices, long windowMs) {
        Bson registered = exists("publicKey", true);
        Date since = new Date(System.currentTimeMillis() - windowMs);

        long loadStart = System.nanoTime();
        List<Document> all = devices.find(registered)
                .projection(Projections.include("hardware", "pricing", "registeredAt", "lastSeen"))
                .into(new ArrayList<>());
        int n = all.size();
        String[] ids = new String[n];
        int[] cores = new int[n];
        long[] hourPrice = new long[n];
        long[] registeredAt = new long[n];
        long[] lastSeen = new long[n];
        for (int i = 0; i < n; i++) {
            Document d = all.get(i);
            ids[i] = d.getString("_id");
            cores[i] = d.get("hardware", Document.class).get("cores", Number.class).intValue();
            Number hour = d.get("pricing", Document.class).get("HOUR", Number.class);
            hourPrice[i] = hour == null ? -1 : hour.longValue();
            registeredAt[i] = d.getDate("registeredAt").getTime();
            Date seen = d.getDate("lastSeen");
            lastSeen[i] = seen == null ? Long.MIN_VALUE : seen.getTime();
        }
        all = null;
        System.out.printf("PROBE in-memory index: loaded %d registered devices in %.0f ms%n", n,
                (System.nanoTime() - loadStart) / 1e6);

        // one presorted permutation per sort order, kept up to date by device events in the real thing;
        // a search walks it, collecting the first page of matches and counting them all
        int[] byNewest = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> registeredAt[i]).reversed()
                        .thenComparing(i -> ids[i], Comparator.reverseOrder()))
                .mapToInt(Integer::intValue).toArray();
        int[] byHourPrice = IntStream.range(0, n).filter(i -> hourPrice[i] >= 0).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> hourPrice[i]).thenComparing(i -> ids[i]))
                .mapToInt(Integer::intValue).toArray();
        long sinceMs = since.getTime();
        for (int warm = 0; warm < 200; warm++) {
            page(byNewest, i -> true, 0, 20);
            page(byHourPrice, i -> cores[i] >= 8 && hourPrice[i] <= 100, 0, 20);
            page(byNewest, i -> lastSeen[i] >= sinceMs, 0, 20);
        }
        timeMicros("memory q1 (no filter, NEWEST) page 0 + total", 500, () -> page(byNewest, i -> true, 0, 20));
        timeMicros("memory q2 (minCores=8, HOUR<=100, PRICE) page 0 + total", 500,
                () -> page(byHourPrice, i -> cores[i] >= 8 && hourPrice[i] <= 100, 0, 20));
        timeMicros("memory q3 (online=true, NEWEST) page 0 + total", 500,
                () -> page(byNewest, i -> lastSeen[i] >= sinceMs, 0, 20));
        timeMicros("memory q1 page 100 + total", 500, () -> page(byNewest, i -> true, 100, 20));
    }

    /** Walks a presorted order once: the requested page of matches, and how many match in all. */
    static Object page(int[] order, IntPredicate filter, int page, int size) {
        int[] items = new int[size];
        int skip = page * size;
        int found = 0;
        int total = 0;
        for (int i : order) {
            if (filter.test(i)) {
                if (total >= skip && found < size) {
                    items[found++] = i;
                }
                total++;
            }
        }
        return total + found;
    }

    static void time(String what, int repetitions, Supplier<?> call) {
        try {
            timeOrFail(what, repetitions, call);
        } catch (MongoException e) {
            System.out.printf("PROBE %-75s FAILED: %s%n", what, e.getMessage());
        }
    }

    private static void timeOrFail(String what, int repetitions, Supplier<?> call) {
        long start = System.nanoTime();
        call.get(); // warm-up
        long first = System.nanoTime() - start;
        // a query that takes seconds is measured once, by its warm-up: the point is its order of magnitude
        long[] ms = first > 2_000_000_000L ? new long[] {first} : new long[repetitions];
        for (int r = 0; ms.length > 1 && r < ms.length; r++) {
            long s = System.nanoTime();
            call.get();
            ms[r] = System.nanoTime() - s;
        }
        Arrays.sort(ms);
        System.out.printf("PROBE %-75s median %9.2f ms  max %9.2f ms  (%d runs)%n", what, ms[ms.length / 2] / 1e6,
                ms[ms.length - 1] / 1e6, ms.length);
    }

    static void timeMicros(String what, int reps, Supplier<?> call) {
        long[] ns = new long[reps];
        for (int r = 0; r < reps; r++) {
            long s = System.nanoTime();
            call.get();
            ns[r] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("PROBE %-75s median %8.3f ms  p99 %8.3f ms  (%d runs)%n", what, ns[reps / 2] / 1e6,
                ns[(int) Math.ceil(reps * 0.99) - 1] / 1e6, reps);
    }
}
