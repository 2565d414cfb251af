import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registration load through the real REST API: creates COUNT devices (POST /devices) and then
 * registers each (POST /devices/{id}/registration) with a fresh ssh-ed25519 key, CONCURRENCY
 * clients at a time. Creation and registration are timed as separate phases. Registration stops
 * early when DEADLINE_SECONDS pass; the devices not registered by then are reported.
 *
 * SERVER_PID (optional) adds the server's CPU time per operation, which contention on a shared
 * machine does not inflate the way it inflates latency.
 *
 * <pre>java RegLoad.java BASE_URL OWNER_TOKEN COUNT CONCURRENCY DEADLINE_SECONDS LABEL [SERVER_PID]</pre>
 */
public class RegLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"registrationToken\"\\s*:\\s*\"([^\"]+)\"");

    record Created(String id, String token) {
    }

    static long serverPid;
    static double cpuMark;

    /** utime + stime of the server process in ms, from /proc; NaN when unknown. */
    static double serverCpuMs() {
        if (serverPid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // USER_HZ = 100
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String ownerToken = args[1];
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        long deadlineSeconds = Long.parseLong(args[4]);
        String label = args[5];
        serverPid = args.length > 6 ? Long.parseLong(args[6]) : -1;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            // phase 1: create devices
            Created[] created = new Created[count];
            long[] createNanos = new long[count];
            Map<Integer, AtomicInteger> createStatus = new ConcurrentHashMap<>();
            long t0 = System.nanoTime();
            cpuMark = serverCpuMs();
            run(clients, count, i -> {
                String body = "{\"name\":\"api bench " + label + " " + i + "\",\"description\":\"registered through the API\","
                        + "\"currency\":\"USD\",\"pricing\":{\"HOUR\":" + (10 + i % 90) + ",\"DAY\":" + (200 + i % 900) + "}}";
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/devices"))
                        .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                createNanos[i] = System.nanoTime() - s;
                createStatus.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 201) {
                    created[i] = new Created(group(ID, r.body()), group(TOKEN, r.body()));
                }
            });
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            report(label, "create", count, createSeconds, createNanos, createStatus, concurrency);

            // keys made up front so that key generation is not in the measurement
            String[] keys = new String[count];
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            for (int i = 0; i < count; i++) {
                byte[] x509 = ed25519.generateKeyPair().getPublic().getEncoded();
                byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
                byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
                byte[] blob = ByteBuffer.allocate(4 + type.length + 4 + 32).putInt(type.length).put(type).putInt(32)
                        .put(raw).array();
                keys[i] = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob) + " bench@" + label + "-" + i;
            }

            // phase 2: register them
            long[] regNanos = new long[count];
            Map<Integer, AtomicInteger> regStatus = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            long deadline = System.nanoTime() + deadlineSeconds * 1_000_000_000L;
            long t1 = System.nanoTime();
            cpuMark = serverCpuMs();
            run(clients, count, i -> {
                if (created[i] == null || System.nanoTime() > deadline) {
                    regNanos[i] = -1;
                    return;
                }
                String body = "{\"registrationToken\":\"" + created[i].token() + "\",\"publicKey\":\"" + keys[i] + "\","
                        + "\"hardware\":{\"cpuModel\":\"Bench CPU\",\"cores\":" + (1 << (i % 6)) + ",\"memoryMb\":"
                        + (1024L << (i % 6)) + ",\"diskMb\":100000,\"arch\":\"" + (i % 5 == 0 ? "arm64" : "amd64")
                        + "\"}}";
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(base + "/devices/" + created[i].id() + "/registration"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                regNanos[i] = System.nanoTime() - s;
                regStatus.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 200) {
                    done.incrementAndGet();
                } else if (regStatus.get(r.statusCode()).get() <= 3) {
                    System.err.println("registration " + i + " -> " + r.statusCode() + " " + r.body());
                }
            });
            double regSeconds = (System.nanoTime() - t1) / 1e9;
            long[] measured = Arrays.stream(regNanos).filter(n -> n >= 0).toArray();
            report(label, "register", measured.length, regSeconds, measured, regStatus, concurrency);
            System.out.printf("RESULT %s registered_ok=%d of %d%n", label, done.get(), count);
        } finally {
            clients.shutdownNow();
        }
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void run(ExecutorService pool, int count, Task task) throws Exception {
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                task.run(n);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(1);
    }

    static void report(String label, String phase, int n, double seconds, long[] nanos,
            Map<Integer, AtomicInteger> status, int concurrency) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<Integer, Integer> codes = new TreeMap<>();
        status.forEach((k, v) -> codes.put(k, v.get()));
        double cpuPerOp = (serverCpuMs() - cpuMark) / Math.max(n, 1);
        System.out.printf("RESULT %s %s n=%d concurrency=%d seconds=%.2f rate=%.1f/s p50=%.1fms p99=%.1fms max=%.1fms status=%s server_cpu_per_op=%.2fms%n",
                label, phase, n, concurrency, seconds, n / seconds, pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, codes, cpuPerOp);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))] / 1e6;
    }
}
