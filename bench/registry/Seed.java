import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.bson.Document;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Seeds registered devices straight into the {@code devices} collection of a running server's
 * embedded MongoDB-wire store, in the shape DeviceRegistry.create + register leave behind
 * (see bundles/registry/.../store/DeviceDocuments and DeviceFields).
 *
 * <p>Seeded devices get tunnelPort 1,000,000 + i: unique (the unique index holds), never in a
 * configurable range (1024-65535), so they cannot collide with ports the API hands out during the
 * benchmark. 100k devices do not fit in the 64k real TCP ports anyway.
 *
 * <pre>java -cp 'classes:system jars' Seed PORT DB OWNER_ID COUNT FIRST_INDEX ONLINE_FRACTION
 * java -cp 'classes:system jars' Seed PORT DB count     (prints how many devices are registered)</pre>
 */
public final class Seed {

    private Seed() {
    }

    static final String[] CPUS = {"Intel(R) Xeon(R) E-2236", "AMD Ryzen 7 5800X", "AMD EPYC 7302P",
            "Intel(R) Core(TM) i5-8500T", "Cortex-A72", "Apple M1 (Asahi)"};
    static final int[] CORES = {1, 2, 2, 4, 4, 4, 6, 8, 8, 12, 16, 32, 64};
    static final long[] MEMORY = {1024, 2048, 4096, 4096, 8192, 8192, 16384, 32768, 65536};
    static final long[] DISK = {20_000, 40_000, 80_000, 160_000, 500_000, 1_000_000};

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String db = args[1];
        if (args[2].equals("count")) {
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                System.out.println(client.getDatabase(db).getCollection("devices")
                        .countDocuments(Filters.exists("publicKey", true)));
            }
            return;
        }
        String ownerId = args[2];
        int count = Integer.parseInt(args[3]);
        int first = Integer.parseInt(args[4]);
        double onlineFraction = Double.parseDouble(args[5]);

        long now = System.currentTimeMillis();
        Random random = new Random(42L + first);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> devices = client.getDatabase(db).getCollection("devices");
            long before = devices.countDocuments();
            long started = System.nanoTime();
            List<Document> batch = new ArrayList<>(1000);
            for (int i = first; i < first + count; i++) {
                batch.add(device(i, ownerId, now, onlineFraction, random, sha256));
                if (batch.size() == 1000) {
                    devices.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                devices.insertMany(batch);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("seeded %d devices (index %d..%d) in %.1f s (%.0f docs/s); devices before: %d%n",
                    count, first, first + count - 1, seconds, count / seconds, before);
            try {
                System.out.printf("registered devices now: %d%n", devices.countDocuments(Filters.exists("publicKey", true)));
            } catch (MongoException e) { // the embedded store fails long scans now and then; the inserts are done
                System.out.printf("counting afterwards failed: %s%n", e.getMessage());
            }
        }
    }

    static Document device(int i, String ownerId, long now, double onlineFraction, Random random,
            MessageDigest sha256) {
        // a well-formed ssh-ed25519 blob: string "ssh-ed25519", string <32 key bytes>
        byte[] key = sha256.digest(("p2pvps-bench-key-" + i).getBytes(StandardCharsets.UTF_8));
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = ByteBuffer.allocate(4 + type.length + 4 + 32).putInt(type.length).put(type).putInt(32).put(key)
                .array();
        String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256.digest(blob));
        byte[] deviceToken = new byte[32];
        random.nextBytes(deviceToken);

        long created = now - (long) (random.nextDouble() * 30L * 24 * 3600 * 1000);
        long registered = created + random.nextInt(3_600_000);
        boolean online = random.nextDouble() < onlineFraction;
        long lastSeen = online ? now - random.nextInt(30_000) : registered + (long) (random.nextDouble()
                * Math.max(0, now - 7_200_000L - registered));

        int cores = CORES[random.nextInt(CORES.length)];
        String arch = random.nextInt(5) == 0 ? "arm64" : "amd64";
        Document pricing = new Document();
        long hour = 1 + cores * (2L + random.nextInt(8));
        if (random.nextInt(10) < 7) {
            pricing.append("HOUR", hour);
        }
        if (random.nextInt(10) < 6) {
            pricing.append("DAY", hour * 20);
        }
        if (random.nextInt(10) < 4) {
            pricing.append("WEEK", hour * 120);
        }
        if (pricing.isEmpty() || random.nextInt(10) < 5) {
            pricing.append("MONTH", hour * 450);
        }
        String name = "bench node " + i;
        return new Document("_id", String.format("%024x", 0xbe0c_0000_0000L + i))
                .append("ownerId", ownerId)
                .append("name", name)
                .append("description", "Seeded benchmark device " + i + ": " + cores + " cores, quiet home rack")
                .append("currency", random.nextInt(4) == 0 ? "BCH" : "USD")
                .append("pricing", pricing)
                .append("createdAt", new Date(created))
                .append("publicKey", "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob))
                .append("keyFingerprint", fingerprint)
                .append("hardware", new Document("cpuModel", CPUS[random.nextInt(CPUS.length)])
                        .append("cores", cores)
                        .append("memoryMb", MEMORY[random.nextInt(MEMORY.length)])
                        .append("diskMb", DISK[random.nextInt(DISK.length)])
                        .append("arch", arch))
                .append("deviceTokenHash", HexFormat.of().formatHex(sha256.digest(deviceToken)))
                .append("tunnelPort", 1_000_000 + i)
                .append("subdomain", "bench-node-" + Integer.toString(i, 36) + "-seed")
                .append("registeredAt", new Date(registered))
                .append("lastSeen", new Date(lastSeen));
    }
}
