package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real device runtime as an owner installs it: device-bundle/runtime's tar.gz unpacked into a scratch
 * directory, its etc/*.cfg edited the way the comments in them say, {@code bin/p2pvps-device} run as a process.
 */
final class DeviceRuntime implements AutoCloseable {

    /** The renter environments the runtime can run, with the settings each needs here. */
    enum Driver {
        /** A shell in a scratch directory on this machine. */
        LOCAL_SSHD("local-sshd"),
        /** A Docker container per rental, sharing the host's network, its sshd on a loopback port. */
        DOCKER("docker");

        private final String configName;

        Driver(String configName) {
            this.configName = configName;
        }
    }

    private final Path dir;
    private final Path home;
    private final Path dataDir;
    private final int environmentSshPort = ServerDistribution.freePort();
    private Process process;

    private DeviceRuntime(Path dir, Path home) {
        this.dir = dir;
        this.home = home;
        this.dataDir = dir.resolve("governor-data");
    }

    /** Unpacks the tar.gz this build produced (its path comes in a system property). */
    static DeviceRuntime unpack() throws Exception {
        String tarGz = System.getProperty(ServerDistribution.DEVICE_DISTRIBUTION_PROPERTY, "");
        assertTrue("device runtime not built: '" + tarGz + "' (system property "
                + ServerDistribution.DEVICE_DISTRIBUTION_PROPERTY + "; ./mvnw install builds device-bundle/runtime "
                + "before itests)", !tarGz.isBlank() && new File(tarGz).isFile());
        Path dir = Files.createTempDirectory("p2pvps-itest-device-runtime");
        Commands.Result unpacked = Commands.run("tar", "xzf", tarGz, "-C", dir.toString());
        assertEquals("tar: " + unpacked, 0, unpacked.exit());
        try (Stream<Path> unpackedDirs = Files.list(dir)) {
            Path home = unpackedDirs.filter(p -> p.getFileName().toString().startsWith("p2pvps-device-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no p2pvps-device-* directory in " + tarGz));
            return new DeviceRuntime(dir, home);
        }
    }

    /** A scratch directory for the test's own files; deleted with the runtime. */
    Path scratch() {
        return dir;
    }

    /** The governor's data directory: device key, registration, local-sshd's rental directories. */
    Path dataDir() {
        return dataDir;
    }

    /** The loopback port the renter environment's sshd listens on. */
    int environmentSshPort() {
        return environmentSshPort;
    }

    /** Points the runtime at the server under test as the device it registers as, running renters with {@code driver}. */
    void configure(String deviceId, String registrationToken, Driver driver) throws IOException {
        edit("etc/org.p2pvps.governor.cfg", Map.of(
                "^server\\.url = .*$", "server.url = http://127.0.0.1:" + Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY),
                "^device\\.id =.*$", "device.id = " + deviceId,
                "^registration\\.token =.*$", "registration.token = " + registrationToken,
                "^#container\\.driver = .*$", "container.driver = " + driver.configName,
                "^#localsshd\\.port = .*$", "localsshd.port = " + environmentSshPort,
                "^#data\\.dir =.*$", "data.dir = " + dataDir,
                // a gateway that comes back is found again within seconds
                "^#backoff\\.max\\.millis = .*$", "backoff.max.millis = 2000",
                // heartbeats far apart (the server's interval here is 2 s): a rental that begins or ends reaches
                // the device through the gateway's check-in request, not the next heartbeat
                "^#heartbeat\\.interval\\.seconds = .*$", "heartbeat.interval.seconds = 300"));
        if (driver == Driver.DOCKER) {
            // the test daemon has no bridge: the container shares loopback, its sshd on a free port of it
            edit("etc/org.p2pvps.governor.docker.cfg", Map.of(
                    "^#container\\.network = .*$", "container.network = host",
                    "^#ssh\\.port = .*$", "ssh.port = " + environmentSshPort));
        }
    }

    void start() throws IOException {
        process = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** What {@code bin/p2pvps-device status} prints. */
    String status() {
        try {
            return Commands.run(home.resolve("bin/p2pvps-device").toString(), "status").stdout();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** {@link Await#until}, with the device's log in the failure: most failures here are the device's story. */
    <T> T await(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        try {
            return Await.until(what, () -> {
                if (process != null && !process.isAlive()) {
                    throw new AssertionError("the device runtime exited with " + process.exitValue());
                }
                return probe.get();
            }, done);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + logTail(), e);
        }
    }

    /** The end of the runtime's log, for failure messages. */
    String logTail() {
        try {
            Path log = home.resolve("runtime.log");
            if (!Files.exists(log)) {
                return "\n(no device log)";
            }
            List<String> lines = Files.readAllLines(log);
            return "\n--- device log (last 60 lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "\n(device log unreadable: " + e + ")";
        }
    }

    /** Stops the runtime as systemd would (SIGTERM: the governor resets its environment) and deletes its files. */
    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void edit(String file, Map<String, String> lines) throws IOException {
        Path cfg = home.resolve(file);
        String text = Files.readString(cfg);
        for (Map.Entry<String, String> line : lines.entrySet()) {
            String replaced = text.replaceFirst("(?m)" + line.getKey(), line.getValue());
            if (replaced.equals(text)) {
                throw new AssertionError(file + " has no line matching " + line.getKey() + " any more");
            }
            text = replaced;
        }
        Files.writeString(cfg, text);
    }
}
