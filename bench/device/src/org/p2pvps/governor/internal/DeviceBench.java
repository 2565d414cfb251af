package org.p2pvps.governor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Benchmark driver for the packaged device runtime (bench/device/run.sh runs it once per JVM flag set).
 * The same set-up as DeviceRuntimeIT: the unpacked tar.gz run through bin/p2pvps-device with the local-sshd
 * driver, the test double of the server's device API ({@link FakeServer}) and a throwaway OpenSSH sshd as the
 * gateway ({@link OpenSshGateway}); everything on 127.0.0.1, free ports.
 *
 * <p>Measures, for one flag set: the time from exec of bin/p2pvps-device to the tunnel being up (the gateway
 * listening on the device's tunnel port, i.e. a renter can connect) for a first start (registers) and
 * {@code starts} starts of an already registered device; then, on the last start, VmRSS idle and with an
 * active rental (a renter's OpenSSH client running commands through the tunnel). Writes key=value lines to
 * {@code <work>/result.properties}.
 *
 * <p>Arguments: {@code <device.tar.gz> <work dir> <starts> <idle seconds>}. Environment: {@code BENCH_OPTS}
 * (the runtime's {@code P2PVPS_JAVA_OPTS}; unset = the script's defaults), {@code BENCH_JAVA_OPTS} (its
 * {@code JAVA_OPTS}), {@code BENCH_ENV} (space-separated NAME=value pairs for the runtime's environment).
 */
public final class DeviceBench {

    private final Path work;
    private final Path home;
    private final Map<String, String> result = new LinkedHashMap<>();
    private OpenSshGateway gateway;
    private FakeServer server;
    private Process runtime;
    private int tunnelPort;

    /** The renter environment driver: local-sshd, or docker (BENCH_DRIVER=docker; needs Docker and the device image). */
    private static final String DRIVER = System.getenv().getOrDefault("BENCH_DRIVER", "local-sshd");
    /** BENCH_HTTPS=1: the device talks https, as a real one does, through a TLS front of the fake server. */
    private static final boolean HTTPS = "1".equals(System.getenv("BENCH_HTTPS"));
    private String trustStoreOpts = "";

    private DeviceBench(Path work, Path home) {
        this.work = work;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path tar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int starts = Integer.parseInt(args[2]);
        int idleSeconds = Integer.parseInt(args[3]);
        OpenSshGateway.run(List.of("tar", "xzf", tar.toString(), "-C", work.toString()));
        Path home;
        try (var dirs = Files.list(work)) {
            home = dirs.filter(p -> p.getFileName().toString().startsWith("p2pvps-device-")).findFirst().orElseThrow();
        }
        // diagnostic: run without some bundles (e.g. BENCH_DROP_BUNDLES=p2pvps-docker-driver)
        for (String prefix : System.getenv().getOrDefault("BENCH_DROP_BUNDLES", "").trim().split("\\s+")) {
            if (!prefix.isEmpty()) {
                try (var jars = Files.list(home.resolve("bundle"))) {
                    for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith(prefix)).toList()) {
                        Files.delete(jar);
                    }
                }
            }
        }
        DeviceBench bench = new DeviceBench(work, home);
        try {
            bench.run(starts, idleSeconds);
        } finally {
            bench.close();
        }
        System.exit(0);
    }

    private void run(int starts, int idleSeconds) throws Exception {
        String deviceId = System.getProperty("user.name");
        DeviceIdentity identity = DeviceIdentity.loadOrCreate(home.resolve("data/governor"), "p2pvps-device-" + deviceId);
        gateway = new OpenSshGateway(Files.createDirectories(work.resolve("gateway")), identity.publicKey());
        tunnelPort = OpenSshGateway.freePort();
        server = new FakeServer(deviceId, tunnelPort, "127.0.0.1", gateway.port);
        String serverUrl = HTTPS ? tlsFront(server.url()) : server.url();
        Path cfg = home.resolve("etc/org.p2pvps.governor.cfg");
        Files.writeString(cfg, Files.readString(cfg)
                .replaceFirst("(?m)^server\\.url = .*$", "server.url = " + serverUrl)
                .replaceFirst("(?m)^device\\.id =.*$", "device.id = " + deviceId)
                .replaceFirst("(?m)^registration\\.token =.*$", "registration.token = " + server.registrationToken)
                .replaceFirst("(?m)^#localsshd\\.port = .*$", "localsshd.port = " + OpenSshGateway.freePort())
                .replaceFirst("(?m)^#container\\.driver = .*$", "container.driver = " + DRIVER));
        if (DRIVER.equals("docker")) {
            // the test dockerd has no bridge: the container's sshd on a free loopback port of the host
            Path docker = home.resolve("etc/org.p2pvps.governor.docker.cfg");
            Files.writeString(docker, Files.readString(docker)
                    .replaceFirst("(?m)^#container\\.network = .*$", "container.network = host")
                    .replaceFirst("(?m)^#ssh\\.port = .*$", "ssh.port = " + OpenSshGateway.freePort()));
        }

        // first start: registers, then tunnel
        long first = startAndAwaitTunnel();
        check(server.registrations.get() == 1, "the first start did not register");
        result.put("first_start_ms", Long.toString(first));
        stopRuntime();

        List<Long> times = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            times.add(startAndAwaitTunnel());
            if (i < starts) {
                stopRuntime();
            }
        }
        check(server.registrations.get() == 1, "a registered device registered again");
        check(log().contains("Registered earlier with"), "no 'Registered earlier' in the log");
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        result.put("start_ms_all", sorted.toString().replaceAll("[\\[\\] ]", ""));
        result.put("start_ms_median", Long.toString(sorted.get(sorted.size() / 2)));
        result.put("start_ms_max", Long.toString(sorted.get(sorted.size() - 1)));
        result.put("rss_at_tunnel_up_kb", status("VmRSS"));
        List<Long> cpu = new ArrayList<>(cpuMs.subList(1, cpuMs.size()));
        Collections.sort(cpu);
        result.put("cpu_ms_to_tunnel_median", Long.toString(cpu.get(cpu.size() / 2)));

        long pid = runtime.pid();
        // idle: registered, tunnel up, no rental; heartbeats every second (the fake server's interval)
        List<Long> idle = sample(idleSeconds);
        record("idle", idle);
        jcmd(pid, "idle");

        server.desired = FakeServer.rented("r1", "renter",
                Sha2Crypt.sha512Crypt("pass word 1".getBytes(StandardCharsets.UTF_8)), Instant.now().plusSeconds(3600));
        long t0 = System.nanoTime();
        await(Duration.ofSeconds(60), () -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        result.put("rental_applied_ms", Long.toString(ms(t0)));
        String hello = renter("echo hello from the rental");
        check(hello.equals("hello from the rental\n"), "renter command printed: " + hello);
        t0 = System.nanoTime();
        String bytes = renter("head -c 20000000 /dev/zero | wc -c; head -c 20000000 /dev/zero >/dev/null").trim();
        result.put("renter_commands_ms", Long.toString(ms(t0)));
        check(bytes.equals("20000000"), "renter bulk command printed: " + bytes);
        // 20 MB of a renter's output through the tunnel, the first bulk transfer after the start: what a cold JIT costs
        t0 = System.nanoTime();
        Process bulk = renterProcess("head -c 20000000 /dev/zero");
        long received = bulk.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        bulk.waitFor(60, TimeUnit.SECONDS);
        result.put("renter_20mb_out_ms", Long.toString(ms(t0)));
        check(received == 20_000_000, "renter bulk output: " + received + " bytes");
        // a renter session held open (20 MB of output through the tunnel, then sleep) while sampling
        Process session = renterProcess("head -c 20000000 /dev/zero; sleep " + Math.max(5, idleSeconds / 2));
        Thread drain = new Thread(() -> {
            try {
                session.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // ends with the process
            }
        });
        drain.start();
        Thread.sleep(1000);
        List<Long> during = sample(Math.max(4, idleSeconds / 2 - 2));
        record("session", during);
        jcmd(pid, "session");
        session.waitFor(60, TimeUnit.SECONDS);
        drain.join(10_000);
        check(session.exitValue() == 0, "renter session failed: " + session.exitValue());
        // rental active, no session: what the device holds between a renter's logins
        List<Long> rented = sample(idleSeconds);
        record("rented", rented);
        jcmd(pid, "rented");
        result.put("rss_peak_kb", status("VmHWM"));
        result.put("threads", status("Threads"));
        result.put("rss_anon_kb", status("RssAnon"));
        result.put("rss_file_kb", status("RssFile"));
        check(!log().contains(" ERROR "), "ERROR in the runtime log");
        result.put("ok", "true");
    }

    private void record(String phase, List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        // the settled value: median of the last five samples
        List<Long> tail = new ArrayList<>(samples.subList(Math.max(0, samples.size() - 5), samples.size()));
        Collections.sort(tail);
        result.put("rss_" + phase + "_kb", Long.toString(tail.get(tail.size() / 2)));
        result.put("rss_" + phase + "_max_kb", Long.toString(sorted.get(sorted.size() - 1)));
        result.put("threads_" + phase, status("Threads"));
    }

    /** VmRSS in kB, once a second. */
    private List<Long> sample(int seconds) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            check(runtime.isAlive(), "the runtime died");
            out.add(Long.parseLong(status("VmRSS")));
        }
        return out;
    }

    private String status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + runtime.pid() + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).trim().replace(" kB", "");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "?";
    }

    private void jcmd(long pid, String phase) throws IOException, InterruptedException {
        String all = System.getenv().getOrDefault("BENCH_OPTS", "") + " " + System.getenv().getOrDefault("BENCH_JAVA_OPTS", "");
        if (!all.contains("NativeMemoryTracking")) {
            return;
        }
        // a diagnostic run: where the memory goes (NMT), which class loaders (bundles) hold the metaspace, the heap
        StringBuilder sb = new StringBuilder();
        for (List<String> cmd : List.of(List.of("VM.native_memory", "summary"), List.of("VM.classloader_stats"),
                List.of("GC.heap_info"), List.of("GC.class_histogram"), List.of("Thread.print"))) {
            List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
            command.addAll(cmd);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // of the class histogram only its head: the types that hold the heap (it runs a full GC first)
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // and of the thread dump each thread's name and innermost caller of ours or a library's (who owns it)
            long lines = cmd.get(0).equals("GC.class_histogram") ? 60 : Long.MAX_VALUE;
            if (cmd.get(0).equals("Thread.print")) {
                output = threadOwners(output);
            }
            sb.append("$ ").append(String.join(" ", command)).append('\n')
                    .append(output.lines().limit(lines).collect(Collectors.joining("\n"))).append("\n\n");
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // a heap dump for bench/device/heapowners.py (run.sh keeps its summary, not the dump)
        Process dump = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_dump",
                work.resolve("heap-" + phase + ".hprof").toString()).redirectErrorStream(true).start();
        dump.getInputStream().readAllBytes();
        dump.waitFor(60, TimeUnit.SECONDS);
        // the runtime's threads by name (digits folded: "sshd-SshClient[1a2b]-nio2-thread-3" counts as one kind)
        Map<String, Integer> threads = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9a-f]*[0-9][0-9a-f]*", "#");
                threads.merge(name, 1, Integer::sum);
            }
        }
        sb.append("$ threads by name (/proc/").append(pid).append("/task/*/comm)\n");
        threads.forEach((name, n) -> sb.append(String.format("%4d  %s%n", n, name)));
        Files.writeString(work.resolve("nmt-" + phase + ".txt"), sb.toString());
    }

    /**
     * An https endpoint in front of the fake server (127.0.0.1, a throwaway key), and for the runtime a trust store
     * like a real device's: the JDK's CA certificates plus that key's certificate.
     */
    private String tlsFront(String backendUrl) throws Exception {
        Path keyStore = work.resolve("bench-tls.p12");
        Path trustStore = work.resolve("bench-cacerts");
        OpenSshGateway.run(List.of("keytool", "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storepass", "changeit"));
        Files.copy(Path.of(System.getProperty("java.home"), "lib/security/cacerts"), trustStore);
        Path cert = work.resolve("bench-tls.crt");
        OpenSshGateway.run(List.of("keytool", "-exportcert", "-alias", "bench", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-file", cert.toString()));
        OpenSshGateway.run(List.of("keytool", "-importcert", "-noprompt", "-alias", "p2pvps-bench", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storepass", "changeit"));
        trustStoreOpts = "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=changeit";

        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        java.net.ServerSocket front = tls.getServerSocketFactory().createServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress());
        java.net.URI backend = java.net.URI.create(backendUrl);
        Thread acceptor = new Thread(() -> {
            while (!front.isClosed()) {
                try {
                    java.net.Socket client = front.accept();
                    java.net.Socket upstream = new java.net.Socket(backend.getHost(), backend.getPort());
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // front closed at the end, or one connection failed: the device retries
                }
            }
        }, "bench-tls-front");
        acceptor.setDaemon(true);
        acceptor.start();
        return "https://127.0.0.1:" + front.getLocalPort();
    }

    private static void pump(java.net.Socket from, java.net.Socket to) {
        Thread t = new Thread(() -> {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // the other side closed
            }
        }, "bench-tls-pump");
        t.setDaemon(true);
        t.start();
    }

    /** A thread dump shortened to each thread's header and its first frame outside the JDK. */
    private static String threadOwners(String dump) {
        StringBuilder sb = new StringBuilder();
        boolean wanted = false;
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"")) {
                sb.append(line, 0, Math.min(line.length(), 60)).append('\n');
                wanted = true;
            } else if (wanted && line.trim().startsWith("at ") && !line.trim().matches("at (java|jdk|sun)\\..*")) {
                sb.append("    ").append(line.trim()).append('\n');
                wanted = false;
            }
        }
        return sb.toString();
    }

    private long startAndAwaitTunnel() throws Exception {
        await(Duration.ofSeconds(30), () -> !listening(tunnelPort));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()));
        Map<String, String> env = pb.environment();
        env.remove("JAVA_OPTS");
        env.remove("P2PVPS_JAVA_OPTS");
        env.remove("MALLOC_ARENA_MAX");
        String opts = System.getenv("BENCH_OPTS");
        if (opts != null) {
            env.put("P2PVPS_JAVA_OPTS", opts);
        }
        String more = (System.getenv().getOrDefault("BENCH_JAVA_OPTS", "") + " " + trustStoreOpts).trim();
        if (!more.isEmpty()) {
            env.put("JAVA_OPTS", more);
        }
        for (String kv : System.getenv().getOrDefault("BENCH_ENV", "").trim().split("\\s+")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        int ups = count(log(), "Tunnel up:");
        long t0 = System.nanoTime();
        runtime = pb.start();
        // up: the gateway listens on the tunnel port (a renter can connect) and the device has seen the forward granted
        while (!listening(tunnelPort) || count(log(), "Tunnel up:") == ups) {
            check(runtime.isAlive(), "the runtime exited: " + tail());
            check(ms(t0) < 60_000, "no tunnel after 60 s: " + tail());
            Thread.sleep(5);
        }
        long up = ms(t0);
        cpuMs.add(cpuMs(runtime.pid()));
        return up;
    }

    private final List<Long> cpuMs = new ArrayList<>();

    /** user + system CPU time of the process so far. */
    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / 100; // USER_HZ = 100 on Linux
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Whether something listens on 127.0.0.1:port (the gateway's end of the tunnel), without connecting to it. */
    private static boolean listening(int port) {
        String hex = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(hex) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return false;
    }

    private Process renterProcess(String command) throws IOException {
        return new ProcessBuilder("sshpass", "-p", "pass word 1", "ssh", "-p", Integer.toString(tunnelPort),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "-F", "/dev/null",
                "renter@127.0.0.1", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private String renter(String command) throws IOException, InterruptedException {
        Process p = renterProcess(command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "renter command failed: " + command);
        return out;
    }

    private void stopRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.destroy();
            if (!runtime.waitFor(40, TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
                runtime.waitFor(10, TimeUnit.SECONDS);
            }
            runtime = null;
        }
    }

    private void close() throws Exception {
        stopRuntime();
        if (server != null) {
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        StringBuilder sb = new StringBuilder();
        result.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(work.resolve("result.properties"), sb.toString());
        System.out.print(sb);
    }

    private String log() throws IOException {
        Path log = home.resolve("runtime.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String tail() {
        try {
            String l = log();
            return l.substring(Math.max(0, l.length() - 2000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            result.put("ok", "false");
            result.put("error", what.replace('\n', ' '));
            throw new IllegalStateException(what);
        }
    }

    private static void await(Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + max);
            }
            Thread.sleep(20);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
