import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Isolation experiment: the embedded store alone, no Karaf, no HTTP. Starts mongo-java-server in
 * this JVM with the backend p2pvps uses (H2 MVStore file) or the same without a file (h2mem: no
 * serialization, no page cache eviction), creates the indexes
 * DeviceStore creates, inserts COUNT seeded devices through the driver, then times the listing
 * queries (Probe.storeQueries) while sampling this JVM's stacks to see where the store spends them.
 *
 * <pre>java -cp 'classes:store bundle:driver jars' StoreOnly h2file|h2mem COUNT ONLINE_WINDOW_SECONDS</pre>
 */
public final class StoreOnly {

    private StoreOnly() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int count = Integer.parseInt(args[1]);
        long windowMs = Long.parseLong(args[2]) * 1000;
        Path dir = Files.createTempDirectory("p2pvps-storeonly");
        MongoBackend backend = switch (kind) {
            case "h2file" -> new H2Backend(dir.resolve("p2pvps.mv").toString()); // what EmbeddedMongoServer does
            case "h2mem" -> H2Backend.inMemory();
            default -> throw new IllegalArgumentException("backend: h2file or h2mem");
        };
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> devices = client.getDatabase("p2pvps").getCollection("devices");
            for (String field : List.of("tunnelPort", "subdomain", "keyFingerprint")) {
                devices.createIndex(Indexes.ascending(field), new IndexOptions().unique(true).sparse(true));
            }
            devices.createIndex(Indexes.ascending("ownerId"));

            long now = System.currentTimeMillis();
            Random random = new Random(42);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < count; i++) {
                batch.add(Seed.device(i, "000000000000000000000001", now, 0.3, random, sha256));
                if (batch.size() == 1000 || i == count - 1) {
                    devices.insertMany(batch);
                    batch.clear();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("STORE %s: inserted %d devices in %.1f s (%.0f docs/s, %.2f ms CPU per doc incl. client)%n",
                    kind, count, seconds, count / seconds, (cpuNanos() - cpu0) / 1e6 / count);

            AtomicBoolean sampling = new AtomicBoolean(true);
            Map<String, Integer> top = new HashMap<>();
            int[] samples = {0};
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                        StackTraceElement[] stack = e.getValue();
                        if (e.getKey().getState() != Thread.State.RUNNABLE || stack.length == 0
                                || java.util.Arrays.stream(stack).noneMatch(f -> f.getClassName().startsWith("de.bwaldvogel"))) {
                            continue;
                        }
                        samples[0]++;
                        top.merge(frame(stack), 1, Integer::sum);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "sampler");
            sampler.setDaemon(true);
            sampler.start();
            Probe.storeQueries(devices, windowMs, false);
            sampling.set(false);
            sampler.join();
            System.out.printf("STORE %s: stack samples inside mongo-java-server during the queries: %d; top frames:%n",
                    kind, samples[0]);
            top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(12)
                    .forEach(e -> System.out.printf("STORE   %5.1f%%  %s%n", 100.0 * e.getValue() / samples[0], e.getKey()));
        } finally {
            server.shutdown();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The top frame, plus the innermost mongo-java-server method when the top is in the JDK or H2. */
    private static String frame(StackTraceElement[] stack) {
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("de.bwaldvogel")) {
                String mine = f.getClassName().replace("de.bwaldvogel.mongo.", "") + "." + f.getMethodName();
                return top.startsWith("de.bwaldvogel") ? top : top + "  <-  " + mine;
            }
        }
        return top;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
