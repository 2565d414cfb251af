package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.bson.Document;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.rental.RentalService;
import org.p2pvps.store.MongoStore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real device runtime (device-bundle/runtime's tar.gz, unpacked, {@code bin/p2pvps-device} run as a process
 * with the local-sshd driver) against the real server: it registers, holds its tunnel through the gateway, applies
 * its owner's self-rent; a renter's OpenSSH client runs commands in the rental through the tunnel port and through
 * the gateway as a jump host; the owner ends the rental and the device wipes the environment, so the next rental
 * starts fresh.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class DeviceRuntimeEndToEndIT {

    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    @Inject
    private MongoStore store;

    // wait (Pax Exam's service timeout) until rentals and the gateway have started
    @Inject
    private RentalService rentalService;

    @Inject
    private SshGateway gateway;

    private Path dir;
    private Path home;
    private Path dataDir;
    private Process runtime;
    private Api api;

    @Configuration
    public Option[] config() {
        return ServerDistribution.options();
    }

    @Before
    public void unpackTheDeviceRuntime() throws Exception {
        requireTool("sshpass", "-V");
        requireTool("ssh", "-V");
        requireTool("tar", "--version");
        String tarGz = System.getProperty(ServerDistribution.DEVICE_DISTRIBUTION_PROPERTY, "");
        assertTrue("device runtime not built: '" + tarGz + "' (system property "
                + ServerDistribution.DEVICE_DISTRIBUTION_PROPERTY + "; ./mvnw install builds device-bundle/runtime "
                + "before itests)", !tarGz.isBlank() && new File(tarGz).isFile());
        dir = Files.createTempDirectory("p2pvps-itest-device-runtime");
        Result unpacked = run(List.of("tar", "xzf", tarGz, "-C", dir.toString()), Map.of());
        assertEquals("tar: " + unpacked, 0, unpacked.exit());
        try (Stream<Path> unpackedDirs = Files.list(dir)) {
            home = unpackedDirs.filter(p -> p.getFileName().toString().startsWith("p2pvps-device-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no p2pvps-device-* directory in " + tarGz));
        }
        dataDir = dir.resolve("governor-data");
        api = new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
    }

    @After
    public void stopTheDeviceRuntime() throws Exception {
        if (runtime != null) {
            runtime.destroy(); // SIGTERM: the runtime stops Felix, the governor resets its environment
            if (!runtime.waitFor(30, TimeUnit.SECONDS)) {
                runtime.destroyForcibly().waitFor();
            }
            runtime = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void aRealDeviceServesItsOwnersSelfRentAndStartsFreshAfterItEnds() throws Exception {
        String ownerToken = api.newOwnerSession("device-runtime-" + UUID.randomUUID() + "@example.org");
        Api.Reply created = api.post("/devices", ownerToken,
                "{\"name\":\"real-device\",\"currency\":\"EUR\",\"pricing\":{\"HOUR\":50}}");
        assertEquals(created.body(), 201, created.status());
        String deviceId = created.json().get("id").asText();
        configure(deviceId, created.json().get("registrationToken").asText());

        startRuntime();
        JsonNode device = awaitDevice("the device to register and its tunnel to come up",
                () -> api.get("/devices/" + deviceId, ownerToken).json(),
                json -> json.get("registered").asBoolean() && json.get("tunnelConnected").asBoolean()
                        && json.get("online").asBoolean());
        int tunnelPort = device.get("tunnelPort").asInt();
        String subdomain = device.get("subdomain").asText();
        assertEquals("the key the device made and registered", "ssh-ed25519",
                Files.readString(dataDir.resolve("device_ed25519.pub")).split(" ")[0]);
        awaitDevice("`bin/p2pvps-device status` to show the tunnel up", this::status,
                status -> status.contains("registered:     yes") && status.contains("tunnel:         UP"));

        // the owner rents their own device: active at once
        Rental first = selfRent(ownerToken, deviceId);
        assertEquals("the renter goes straight to the device's tunnel port", tunnelPort, first.access().get("port").asInt());
        String out = renterSsh(tunnelPort, first, "echo hi > f; cat f; pwd");
        Path scratch = dataDir.resolve("local-sshd/rentals/" + first.id());
        assertEquals("hi\n" + scratch.toRealPath() + "\n", out);
        assertEquals("the renter's file is in the local-sshd driver's scratch directory", "hi\n",
                Files.readString(scratch.resolve("f")));
        assertEquals("through the gateway as a jump host, by subdomain", "hi\n",
                jumpSsh(subdomain, first, "cat f"));
        awaitDevice("the heartbeat to report the rental applied", () -> reportedStatus(deviceId),
                status -> first.id().equals(status.getString("appliedRentalId"))
                        && "RUNNING".equals(status.getString("container")) && "UP".equals(status.getString("tunnel")));

        // the owner ends it: the device resets, and says so in its heartbeat
        Api.Reply ended = api.delete("/rentals/" + first.id(), ownerToken);
        assertEquals(ended.body(), 200, ended.status());
        assertEquals("ENDED", ended.json().get("state").asText());
        awaitDevice("the heartbeat to report the environment gone", () -> reportedStatus(deviceId),
                status -> status.getString("appliedRentalId") == null && "NONE".equals(status.getString("container")));
        JsonNode free = api.get("/devices/" + deviceId, ownerToken).json();
        assertNull("no rental holds the device: " + free, free.get("rental"));
        assertTrue("still online with its tunnel: " + free,
                free.get("online").asBoolean() && free.get("tunnelConnected").asBoolean());
        assertEquals("ENDED", api.get("/rentals/" + first.id(), first.token()).json().get("state").asText());
        JsonNode listing = listing(deviceId);
        assertTrue("listed as available again: " + listing, listing.get("available").asBoolean());
        assertFalse("the scratch directory is wiped: " + scratch, Files.exists(scratch));
        Result refused = sshpass(first.access().get("password").asText(), tunnelSsh(tunnelPort, first, "true"));
        assertNotEquals("the ended rental's renter no longer gets in: " + refused, 0, refused.exit());

        // the next rental gets a fresh environment: the first renter's file is gone
        Rental second = selfRent(ownerToken, deviceId);
        assertNotEquals(first.id(), second.id());
        assertEquals("gone\n", renterSsh(tunnelPort, second, "test -e f && echo still there || echo gone"));
        Api.Reply endedAgain = api.delete("/rentals/" + second.id(), ownerToken);
        assertEquals(endedAgain.body(), 200, endedAgain.status());
        awaitDevice("the device to reset after the second rental", () -> reportedStatus(deviceId),
                status -> "NONE".equals(status.getString("container")));
    }

    private record Rental(String id, String token, JsonNode access) {
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + ", stdout [" + stdout + "], stderr [" + stderr + "]";
        }
    }

    /** Self-rents the device and waits until the device has applied the rental. */
    private Rental selfRent(String ownerToken, String deviceId) throws Exception {
        Api.Reply rented = api.post("/rentals", ownerToken, "{\"deviceId\":\"" + deviceId + "\",\"period\":\"HOUR\"}");
        assertEquals(rented.body(), 201, rented.status());
        assertEquals("ACTIVE", rented.json().get("state").asText());
        assertTrue(rented.body(), rented.json().get("selfRent").asBoolean());
        String id = rented.json().get("id").asText();
        String token = rented.json().get("rentalToken").asText();
        JsonNode ready = awaitDevice("the device to apply rental " + id, () -> api.get("/rentals/" + id, token).json(),
                json -> json.get("deviceReady").asBoolean());
        JsonNode access = ready.get("access");
        assertEquals(ready.toString(), "127.0.0.1", access.get("host").asText());
        return new Rental(id, token, access);
    }

    private String renterSsh(int tunnelPort, Rental rental, String command) throws Exception {
        Result result = sshpass(rental.access().get("password").asText(), tunnelSsh(tunnelPort, rental, command));
        assertEquals("renter ssh: " + result + deviceLogTail(), 0, result.exit());
        return result.stdout();
    }

    private List<String> tunnelSsh(int tunnelPort, Rental rental, String command) {
        return List.of("ssh", "-p", String.valueOf(tunnelPort), "-F", "/dev/null",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=10", "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                rental.access().get("login").asText() + "@127.0.0.1", command);
    }

    private Result sshpass(String password, List<String> ssh) throws Exception {
        List<String> command = new ArrayList<>(List.of("sshpass", "-e"));
        command.addAll(ssh);
        return run(command, Map.of("SSHPASS", password));
    }

    /**
     * {@code ssh -J}: two password prompts (gateway, then device), which sshpass cannot answer; OpenSSH's askpass
     * can. Command-line {@code -o} options do not reach the jump connection, so they go in a config file.
     */
    private String jumpSsh(String subdomain, Rental rental, String command) throws Exception {
        Path askpass = dir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$P2PVPS_RENTER_PASSWORD\"\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
                + "  LogLevel ERROR\n  ConnectTimeout 10\n  PreferredAuthentications password\n"
                + "  PubkeyAuthentication no\n");
        String login = rental.access().get("login").asText();
        int jumpPort = rental.access().get("jumpPort").asInt();
        assertEquals("the gateway's port", (int) Integer.getInteger(ServerDistribution.GATEWAY_PORT_PROPERTY), jumpPort);
        Result result = run(List.of("ssh", "-F", config.toString(), "-J", login + "@127.0.0.1:" + jumpPort,
                login + "@" + subdomain, command),
                Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                        "P2PVPS_RENTER_PASSWORD", rental.access().get("password").asText()));
        assertEquals("renter ssh -J: " + result + deviceLogTail(), 0, result.exit());
        return result.stdout();
    }

    private JsonNode listing(String deviceId) {
        Api.Reply listings = api.get("/listings?size=100", null);
        assertEquals(listings.body(), 200, listings.status());
        for (JsonNode listing : listings.json().get("items")) {
            if (deviceId.equals(listing.get("deviceId").asText())) {
                return listing;
            }
        }
        throw new AssertionError("device " + deviceId + " not listed: " + listings.body());
    }

    /** What the device last reported in its heartbeat, as the registry keeps it. */
    private Document reportedStatus(String deviceId) {
        Document device = store.database().getCollection("devices").find(new Document("_id", deviceId)).first();
        Document status = device == null ? null : device.get("status", Document.class);
        return status == null ? new Document() : status;
    }

    private void configure(String deviceId, String registrationToken) throws IOException {
        Path cfg = home.resolve("etc/org.p2pvps.governor.cfg");
        String text = Files.readString(cfg);
        String configured = replace(text, "^server\\.url = .*$",
                "server.url = http://127.0.0.1:" + Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
        configured = replace(configured, "^device\\.id =.*$", "device.id = " + deviceId);
        configured = replace(configured, "^registration\\.token =.*$", "registration.token = " + registrationToken);
        configured = replace(configured, "^#container\\.driver = .*$", "container.driver = local-sshd");
        configured = replace(configured, "^#localsshd\\.port = .*$", "localsshd.port = " + ServerDistribution.freePort());
        configured = replace(configured, "^#data\\.dir =.*$", "data.dir = " + dataDir);
        configured = replace(configured, "^#backoff\\.max\\.millis = .*$", "backoff.max.millis = 2000");
        Files.writeString(cfg, configured);
    }

    private static String replace(String text, String line, String with) {
        String replaced = text.replaceFirst("(?m)" + line, with);
        if (replaced.equals(text)) {
            throw new AssertionError("etc/org.p2pvps.governor.cfg has no line matching " + line + " any more");
        }
        return replaced;
    }

    private void startRuntime() throws IOException {
        runtime = new ProcessBuilder(home.resolve("bin/p2pvps-device").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private String status() {
        try {
            return run(List.of(home.resolve("bin/p2pvps-device").toString(), "status"), Map.of()).stdout();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** {@link Await#until}, with the device's log in the failure: most failures here are the device's story. */
    private <T> T awaitDevice(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        try {
            return Await.until(what, () -> {
                if (runtime != null && !runtime.isAlive()) {
                    throw new AssertionError("the device runtime exited with " + runtime.exitValue() + deviceLogTail());
                }
                return probe.get();
            }, done);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + deviceLogTail(), e);
        }
    }

    private String deviceLogTail() {
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

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        File err = File.createTempFile("p2pvps-itest-cmd", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), stdout, Files.readString(err.toPath()));
        } finally {
            err.delete();
        }
    }

    private static void requireTool(String tool, String versionFlag) {
        try {
            Process process = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("'" + tool + "' is needed on this machine for the renter's side of the test "
                    + "(apt-get install -y sshpass openssh-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
