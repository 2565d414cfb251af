package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged device runtime (the tar.gz, unpacked) as an owner runs it: {@code bin/p2pvps-device} with
 * the local-sshd driver. Every bundle must resolve; the governor registers with the server (the test double
 * {@link FakeServer} of our REST API), holds its tunnel through a real OpenSSH gateway, and a renter's
 * OpenSSH client runs a command in the rental through it; {@code bin/p2pvps-device status} tells the story.
 * A second start does not register again, and maps the classes the first one loaded from the class-data archive
 * that one wrote at its clean stop.
 */
@EnabledIf("org.p2pvps.governor.internal.OpenSshGateway#available")
class DeviceRuntimeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private Path home;
    private OpenSshGateway gateway;
    private FakeServer server;
    private Process runtime;
    private int tunnelPort;

    @BeforeEach
    void unpackAndConfigure() throws Exception {
        OpenSshGateway.run(List.of("tar", "xzf", System.getProperty("device.tar.gz"), "-C", tmp.toString()));
        try (var dirs = Files.list(tmp)) {
            home = dirs.filter(p -> p.getFileName().toString().startsWith("p2pvps-device-")).findFirst().orElseThrow();
        }
        String deviceId = System.getProperty("user.name");
        // the key the runtime will find; OpenSSH needs it in authorized_keys before it starts
        DeviceIdentity identity = DeviceIdentity.loadOrCreate(home.resolve("data/governor"), "p2pvps-device-" + deviceId);
        gateway = new OpenSshGateway(Files.createDirectories(tmp.resolve("gateway")), identity.publicKey());
        tunnelPort = OpenSshGateway.freePort();
        server = new FakeServer(deviceId, tunnelPort, "127.0.0.1", gateway.port);
        Path cfg = home.resolve("etc/org.p2pvps.governor.cfg");
        String text = Files.readString(cfg)
                .replaceFirst("(?m)^server\\.url = .*$", "server.url = " + server.url())
                .replaceFirst("(?m)^device\\.id =.*$", "device.id = " + deviceId)
                .replaceFirst("(?m)^registration\\.token =.*$", "registration.token = " + server.registrationToken)
                .replaceFirst("(?m)^#localsshd\\.port = .*$", "localsshd.port = " + OpenSshGateway.freePort())
                .replaceFirst("(?m)^#backoff\\.max\\.millis = .*$", "backoff.max.millis = 2000");
        Files.writeString(cfg, text);
    }

    @AfterEach
    void stop() throws Exception {
        stopRuntime();
        if (server != null) {
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void startsRegistersTunnelsAndServesARenter() throws Exception {
        startRuntime();
        await().atMost(WAIT).until(() -> log().contains("bundles resolved and active") || log().contains("not active"));
        assertThat(log()).containsPattern("All \\d+ bundles resolved and active: .*p2pvps-governor").doesNotContain(" ERROR ");
        assertThat(log()).contains("Bundle cache rebuilt from bundle/");

        await().atMost(WAIT).until(() -> server.registrations.get() == 1);
        assertThat(server.registrationBodies.get(0).get("publicKey").toString()).startsWith("ssh-ed25519 ");
        await().atMost(WAIT).until(() -> "UP".equals(server.lastHeartbeat().get("tunnel")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).contains("runtime:        running")
                .contains("registered:     yes").contains("tunnel:         UP since"));

        server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt("pass word 1".getBytes(StandardCharsets.UTF_8)),
                Instant.now().plusSeconds(3600));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        String out = OpenSshGateway.run(List.of("sshpass", "-p", "pass word 1", "ssh", "-p", Integer.toString(tunnelPort),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "renter@127.0.0.1",
                "echo hello from the rental"));
        assertThat(out).isEqualTo("hello from the rental\n");
        await().atMost(WAIT).until(() -> status().contains("rental:         r1"));
        // with local-sshd configured, the installed docker driver is never activated (nor docker-java loaded)
        assertThat(log()).contains("local-sshd: rental r1").doesNotContain("Docker driver ready").doesNotContain("Docker does not answer");

        // a restart finds its registration: no second one; after a clean stop the bundle cache and SCR's copy of
        // the component metadata are kept (no XML parsed on the next start)
        stopRuntime();
        assertThat(log()).contains("Stopping the device runtime");
        try (var files = Files.walk(home.resolve("data/cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("componentMetadataStore");
        }
        int beats = server.heartbeats.size();
        startRuntime();
        await().atMost(WAIT).until(() -> server.heartbeats.size() > beats);
        assertThat(server.registrations).hasValue(1);
        assertThat(log()).contains("Registered earlier with").contains("Bundle cache kept from the last clean stop");

        // a configuration deleted while stopped is gone with a kept cache too: etc/ is its only source
        stopRuntime();
        Files.delete(home.resolve("etc/org.p2pvps.governor.cfg"));
        int governorsBefore = occurrences(log(), "Governor for device");
        int beatsBefore = server.heartbeats.size();
        startRuntime();
        await().atMost(WAIT).until(() -> occurrences(log(), "bundles resolved and active") == 3);
        assertThat(log()).contains("Bundle cache kept from the last clean stop");
        await().during(Duration.ofSeconds(5)).atMost(WAIT)
                .until(() -> server.heartbeats.size() == beatsBefore && occurrences(log(), "Governor for device") == governorsBefore);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void sharesItsClassesFromAnArchiveMadeAtTheFirstCleanStopAndDropsADamagedOne() throws Exception {
        // the same flags on every start (they are part of what an archive is made for): which class came from where,
        // and a crash report out of the module's directory
        String flags = "-Xlog:class+load:file=" + tmp.resolve("classes-%p.log") + " -XX:ErrorFile=" + tmp.resolve("hs_err-%p.log");
        Path archive = home.resolve("data/cds/app.jsa");
        long first = startRuntime(Map.of("JAVA_OPTS", flags));
        await().atMost(WAIT).until(() -> "UP".equals(server.lastHeartbeat().get("tunnel")));
        assertThat(archive).doesNotExist();
        stopRuntime();
        assertThat(archive).isNotEmptyFile();
        assertThat(classSources(first, "org.p2pvps.governor.internal.DeviceGovernor")).doesNotContain("shared objects file");

        // the next start maps the bundles' classes (defined by Felix from bytes) and Felix's from the archive
        int beats = server.heartbeats.size();
        long second = startRuntime(Map.of("JAVA_OPTS", flags));
        await().atMost(WAIT).until(() -> server.heartbeats.size() > beats && "UP".equals(server.lastHeartbeat().get("tunnel")));
        assertThat(classSources(second, "org.p2pvps.governor.internal.DeviceGovernor")).contains("source: shared objects file (top)");
        assertThat(classSources(second, "org.apache.felix.framework.Felix")).contains("source: shared objects file (top)");
        stopRuntime();

        // damaged on disk (as by a power cut while it was written): JDK 17 crashes on it (SIGBUS), the next start drops it
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }
        int beatsBeforeDamage = server.heartbeats.size();
        startRuntime(Map.of("JAVA_OPTS", flags));
        await().atMost(WAIT).until(() -> !runtime.isAlive() || server.heartbeats.size() > beatsBeforeDamage);
        stopRuntime();
        int beatsAfterCrash = server.heartbeats.size();
        // and the crashed start's clock was behind the last clean stop's (a board without a real-time clock, before
        // NTP): its start looks older than that stop's mark, which the crash left behind; only the start's own token
        // says that it did not stop cleanly
        assertThat(home.resolve("data/bundle-cache.ok")).as("the crash came before the launcher ran").exists();
        Files.setLastModifiedTime(home.resolve("data/cds/app.used"), FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        long recovered = startRuntime(Map.of("JAVA_OPTS", flags));
        await().atMost(WAIT).until(() -> server.heartbeats.size() > beatsAfterCrash && "UP".equals(server.lastHeartbeat().get("tunnel")));
        assertThat(classSources(recovered, "org.p2pvps.governor.internal.DeviceGovernor")).doesNotContain("shared objects file");
        stopRuntime();
        assertThat(Files.size(archive)).isGreaterThan(0);

        // the owner's switch, and flags that turn sharing off (JDK 17 refuses to start when asked to write an archive
        // then): the device runs, no archive is made or kept
        for (Map<String, String> env : List.of(Map.of("JAVA_OPTS", flags, "P2PVPS_CDS", "off"),
                Map.of("JAVA_OPTS", flags + " -Xshare:off"))) {
            int before = server.heartbeats.size();
            startRuntime(env);
            await().atMost(WAIT).until(() -> server.heartbeats.size() > before && "UP".equals(server.lastHeartbeat().get("tunnel")));
            stopRuntime();
            assertThat(archive.getParent()).as(env.toString()).doesNotExist();
        }
    }

    /** The lines of {@code -Xlog:class+load} of the runtime {@code pid} that name {@code className}. */
    private String classSources(long pid, String className) throws IOException {
        return Files.readAllLines(tmp.resolve("classes-" + pid + ".log")).stream()
                .filter(line -> line.contains(" " + className + " ")).collect(Collectors.joining("\n"));
    }

    @Test
    void runsTheDriverItsOwnerChoseAndNoOther() throws Exception {
        // docker chosen, but no daemon at the address given: the docker driver must be the one to say so
        Path governorCfg = home.resolve("etc/org.p2pvps.governor.cfg");
        Files.writeString(governorCfg, Files.readString(governorCfg)
                .replaceFirst("(?m)^#container\\.driver = .*$", "container.driver = docker"));
        Path dockerCfg = home.resolve("etc/org.p2pvps.governor.docker.cfg");
        Files.writeString(dockerCfg, Files.readString(dockerCfg)
                .replaceFirst("(?m)^#docker\\.host = .*$", "docker.host = unix://" + tmp.resolve("no-docker.sock")));
        startRuntime();
        await().atMost(WAIT).until(() -> "FAILED".equals(server.lastHeartbeat().get("container")));
        // the status file is written after the heartbeat that reported it
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).contains("container:      docker FAILED (Docker does not answer"));
    }

    @Test
    void tellsTheOwnerWhatIsWrongWithTheConfigurationAndWhenItIsNotRunning() throws Exception {
        Path cfg = home.resolve("etc/org.p2pvps.governor.cfg");
        String configured = Files.readString(cfg);
        Files.writeString(cfg, configured.replaceFirst("(?m)^device\\.id = .*$", "device.id ="));
        startRuntime();
        await().atMost(WAIT).untilAsserted(() -> assertThat(status())
                .contains("configuration:  device.id is not set: edit etc/org.p2pvps.governor.cfg"));
        assertThat(log()).contains("device.id is not set").doesNotContain("\tat ").doesNotContain("Exception");

        // corrected while running: the governor starts by itself
        Files.writeString(cfg, configured);
        await().atMost(WAIT).until(() -> server.registrations.get() == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).contains("tunnel:         UP since")
                .doesNotContain("configuration:"));

        // stopped: status says the rest is history, and exits 3 like an init script's status of a stopped service
        stopRuntime();
        assertThat(status()).startsWith("runtime:        not running (what follows is from its last run)")
                .containsPattern("(?m)^tunnel: +DOWN since .* \\(stopped\\)$");
        Process p = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString(), "status").start();
        assertThat(p.waitFor()).isEqualTo(3);
    }

    @Test
    void aSecondRuntimeOnTheSameInstallationRefusesToStart() throws Exception {
        startRuntime();
        await().atMost(WAIT).until(() -> server.registrations.get() == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).contains("tunnel:         UP since"));
        long first = runtime.pid();

        // as when systemd runs it and its owner starts it by hand too
        Path secondLog = tmp.resolve("second.log");
        Process second = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString()).redirectErrorStream(true)
                .redirectOutput(secondLog.toFile()).start();
        try {
            assertThat(second.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the second one stops by itself").isTrue();
        } finally {
            second.destroyForcibly();
        }
        String said = Files.readString(secondLog);
        assertThat(second.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("already runs in " + home + " (pid " + first + ")").doesNotContain("Bundle cache");
        assertThat(runtime.isAlive()).isTrue();
        assertThat(status()).contains("runtime:        running (pid " + first + ")").contains("tunnel:         UP since");
    }

    private void startRuntime() throws IOException {
        startRuntime(Map.of());
    }

    /** Starts {@code bin/p2pvps-device} with these environment variables added; returns the JVM's pid (exec'd). */
    private long startRuntime(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()));
        pb.environment().putAll(env);
        runtime = pb.start();
        return runtime.pid();
    }

    private void stopRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.destroy();
            if (!runtime.waitFor(40, TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
            }
            runtime = null;
        }
    }

    private String log() throws IOException {
        Path log = home.resolve("runtime.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String status() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString(), "status").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
