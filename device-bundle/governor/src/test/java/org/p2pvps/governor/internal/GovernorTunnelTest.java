package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.RenterEnvironment;
import org.p2pvps.governor.internal.localsshd.LocalSshdDriverAccess;

/**
 * The governor with real parts: a real OpenSSH sshd as the gateway, the real MINA SSHD client holding the
 * tunnel, the local-sshd driver, and a renter's real OpenSSH client coming in through the tunnel port.
 * Only the REST server is a test double ({@link FakeServer}).
 */
@EnabledIf("org.p2pvps.governor.internal.OpenSshGateway#available")
class GovernorTunnelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private Path data;
    private DeviceIdentity identity;
    private OpenSshGateway gateway;
    private FakeServer server;
    private ContainerDriver driver;
    private int tunnelPort;
    private int localPort;
    private final List<DeviceGovernor> governors = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        String deviceId = System.getProperty("user.name");
        data = tmp.resolve("data");
        identity = DeviceIdentity.loadOrCreate(data, "p2pvps-device-" + deviceId);
        gateway = new OpenSshGateway(Files.createDirectories(tmp.resolve("gateway")), identity.publicKey());
        tunnelPort = OpenSshGateway.freePort();
        localPort = OpenSshGateway.freePort();
        server = new FakeServer(deviceId, tunnelPort, "127.0.0.1", gateway.port);
        driver = LocalSshdDriverAccess.create(localPort, data.resolve("local-sshd"));
    }

    @AfterEach
    void tearDown() throws Exception {
        governors.forEach(DeviceGovernor::close);
        if (driver != null) {
            driver.reset();
        }
        if (server != null) {
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private DeviceGovernor startGovernor() {
        return startGovernor(server.url());
    }

    private DeviceGovernor startGovernor(String serverUrl) {
        return startGovernor(serverUrl, Map.of());
    }

    private DeviceGovernor startGovernor(String serverUrl, Map<String, Object> moreSettings) {
        Map<String, Object> settings = new HashMap<>(Map.of("server.url", serverUrl,
                "device.id", server.deviceId, "registration.token", server.registrationToken,
                "backoff.initial.millis", 100L, "backoff.max.millis", 1000L, "http.timeout.seconds", 5,
                "tunnel.keepalive.seconds", 1));
        settings.putAll(moreSettings);
        GovernorOptions options = GovernorOptions.parse(GovernorOptionsTest.config(settings), data);
        DeviceGovernor governor = new DeviceGovernor(options, name -> name.equals("local-sshd") ? driver : null,
                Clock.systemUTC());
        governors.add(governor);
        governor.start();
        return governor;
    }

    @Test
    void registersOnceKeepsTheTunnelAndServesEachRentalFreshThroughIt() throws Exception {
        // as the real server does: the registration answer names the gateway's host key fingerprint
        server.gatewayFingerprint = KeyUtils.getFingerPrint(GatewayHostKey.parse(gateway.hostKey()));
        assertThat(Files.getPosixFilePermissions(data.resolve(DeviceIdentity.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        DeviceGovernor governor = startGovernor();

        // registration: the key the device made, the hardware it measured; state kept privately
        await().atMost(WAIT).until(() -> governor.registration() != null);
        assertThat(server.registrations).hasValue(1);
        Map<String, Object> registration = server.registrationBodies.get(0);
        assertThat(registration.get("publicKey")).isEqualTo(identity.publicKey());
        assertThat(registration.get("hardware").toString()).contains("cores", "memoryMb", "diskMb", "arch");
        assertThat(Files.getPosixFilePermissions(data.resolve(DeviceState.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // tunnel: up, the gateway's host key pinned, the tunnel port bound on the gateway
        await().atMost(WAIT).until(() -> governor.tunnelState() != null
                && governor.tunnelState().status() == Tunnel.Status.UP);
        await().atMost(WAIT).until(() -> OpenSshGateway.listening(tunnelPort));
        DeviceState saved = DeviceState.load(data);
        assertThat(gateway.hostKey()).startsWith(saved.gatewayHostKey());
        assertThat(saved.gatewayHostKeyFingerprint()).isEqualTo(server.gatewayFingerprint);
        await().atMost(WAIT).until(() -> "UP".equals(server.lastHeartbeat().get("tunnel"))
                && "NONE".equals(server.lastHeartbeat().get("container")));

        // rental 1: the renter's OpenSSH client reaches a shell in the rental's scratch directory
        server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt(bytes("first password")),
                Instant.now().plusSeconds(3600));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        String out = renterSsh("renter", "first password", "echo hi > note.txt && cat note.txt && pwd");
        Path scratch = data.resolve("local-sshd/rentals/r1");
        assertThat(out).contains("hi").contains(scratch.toAbsolutePath().toString());
        assertThat(scratch.resolve("note.txt")).exists();
        assertThatThrownBy(() -> renterSsh("renter", "wrong password", "true")).hasMessageContaining("failed");
        assertThat(Files.readString(data.resolve("status"))).contains("registered:     yes")
                .contains("tunnel:         UP").contains("rental:         r1");

        // rental 2 replaces it: the first renter's file and password are gone
        server.desired = FakeServer.rented("r2", "other", Sha2Crypt.sha512Crypt(bytes("second password")),
                Instant.now().plusSeconds(3600));
        await().atMost(WAIT).until(() -> "r2".equals(server.lastHeartbeat().get("appliedRentalId")));
        assertThat(scratch).doesNotExist();
        assertThat(renterSsh("other", "second password", "ls -A; echo done")).isEqualTo("done\n");
        assertThatThrownBy(() -> renterSsh("renter", "first password", "true")).hasMessageContaining("failed");

        // available again: nothing of the renter remains and nothing listens
        server.desired = FakeServer.available();
        await().atMost(WAIT).until(() -> "NONE".equals(server.lastHeartbeat().get("container"))
                && !server.lastHeartbeat().containsKey("appliedRentalId"));
        assertThat(data.resolve("local-sshd/rentals")).doesNotExist();
        assertThat(OpenSshGateway.listening(localPort)).isFalse();
    }

    @Test
    void theTunnelComesBackAfterTheGatewayRestartsAndARestartDoesNotRegisterAgain() throws Exception {
        DeviceGovernor first = startGovernor();
        await().atMost(WAIT).until(() -> first.tunnelState() != null && first.tunnelState().status() == Tunnel.Status.UP);

        gateway.stop();
        // the owner reads why in words, not the SSH library's internals
        await().atMost(WAIT).until(() -> first.tunnelState().status() == Tunnel.Status.DOWN);
        assertThat(first.tunnelState().error()).isEqualTo("cannot reach the gateway 127.0.0.1:" + gateway.port
                + " (Connection refused)");
        gateway.start();
        await().atMost(WAIT).until(() -> first.tunnelState().status() == Tunnel.Status.UP);
        await().atMost(WAIT).until(() -> OpenSshGateway.listening(tunnelPort));

        first.close();
        // a stopped governor does not leave "tunnel UP" behind for bin/p2pvps-device status
        assertThat(Files.readString(data.resolve("status"))).containsPattern("(?m)^tunnel: +DOWN since .* \\(stopped\\)$");
        int beats = server.heartbeats.size();
        DeviceGovernor second = startGovernor();
        await().atMost(WAIT).until(() -> second.tunnelState() != null && second.tunnelState().status() == Tunnel.Status.UP);
        await().atMost(WAIT).until(() -> server.heartbeats.size() > beats);
        assertThat(server.registrations).as("registered once, never again").hasValue(1);
    }

    @Test
    void followsTheGatewayTheOperatorMovedToAnotherPortWithAnotherHostKey() throws Exception {
        server.gatewayFingerprint = KeyUtils.getFingerPrint(GatewayHostKey.parse(gateway.hostKey()));
        DeviceGovernor governor = startGovernor();
        await().atMost(WAIT).until(() -> governor.tunnelState() != null
                && governor.tunnelState().status() == Tunnel.Status.UP && OpenSshGateway.listening(tunnelPort));

        try (OpenSshGateway moved = new OpenSshGateway(Files.createDirectories(tmp.resolve("moved")), identity.publicKey())) {
            gateway.stop();
            server.gatewayPort = moved.port; // what the registry's heartbeat answers say after the operator's change
            server.gatewayFingerprint = KeyUtils.getFingerPrint(GatewayHostKey.parse(moved.hostKey()));

            await().atMost(WAIT).until(() -> OpenSshGateway.listening(tunnelPort)
                    && governor.tunnelState().status() == Tunnel.Status.UP
                    && moved.hostKey().startsWith(String.valueOf(DeviceState.load(data).gatewayHostKey())));
            DeviceState saved = DeviceState.load(data);
            assertThat(saved.gatewayPort()).isEqualTo(moved.port);
            assertThat(saved.gatewayHostKeyFingerprint()).isEqualTo(server.gatewayFingerprint);
            server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt(bytes("pw")), Instant.now().plusSeconds(600));
            await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
            assertThat(renterSsh("renter", "pw", "echo through the moved gateway")).contains("through the moved gateway");
        }
    }

    @Test
    void aGatewayWithAnotherHostKeyIsRefusedAndTheStatusSaysWhichKeys() throws Exception {
        String otherKey = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        DeviceGovernor governor = startGovernor(server.url(), Map.of("gateway.host.key", otherKey));
        String offered = KeyUtils.getFingerPrint(GatewayHostKey.parse(gateway.hostKey()));
        String pinned = KeyUtils.getFingerPrint(GatewayHostKey.parse(otherKey));
        // the error as seen, not read again: the tunnel's next attempt (CONNECTING) clears it
        String error = await().atMost(WAIT).until(
                () -> governor.tunnelState() == null ? null : governor.tunnelState().error(), Objects::nonNull);
        assertThat(error).isEqualTo("the gateway offered host key " + offered + ", not the "
                + "pinned " + pinned + " (the log says what to do if the server's key really changed)");
        assertThat(OpenSshGateway.listening(tunnelPort)).isFalse();
    }

    @Test
    void aChangedServerUrlSaysWhichRegistrationItLeavesAside() throws Exception {
        DeviceGovernor first = startGovernor();
        await().atMost(WAIT).until(() -> first.registration() != null);
        first.close();

        int closedPort = OpenSshGateway.freePort();
        startGovernor("http://127.0.0.1:" + closedPort);
        // the owner learns the device is registered elsewhere, not only that this server does not answer
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(data.resolve("status")))
                .contains("registered:     no (cannot reach the server (").contains("registered earlier as "
                        + server.deviceId + " with " + server.url() + "/api/v1 (server.url or device.id changed?)"));
        assertThat(DeviceState.load(data).server()).as("the earlier registration is kept").isEqualTo(server.url() + "/api/v1");
    }

    @Test
    void aRentalEndsOnTimeNotAtTheNextHeartbeat() throws Exception {
        DeviceGovernor governor = startGovernor();
        await().atMost(WAIT).until(() -> governor.registration() != null && !server.heartbeats.isEmpty());
        // the server's next word would come only in 10 minutes; the rental ends in seconds
        server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt(bytes("password")),
                Instant.now().plusSeconds(10), 600);
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        assertThat(renterSsh("renter", "password", "echo in")).isEqualTo("in\n");

        await().atMost(WAIT).until(() -> "NONE".equals(server.lastHeartbeat().get("container")));
        assertThat(data.resolve("local-sshd/rentals/r1")).doesNotExist();
        assertThatThrownBy(() -> renterSsh("renter", "password", "true")).hasMessageContaining("failed");
    }

    @Test
    void aDeviceItsOwnerDeletedSaysSoInTheStatus() throws Exception {
        DeviceGovernor governor = startGovernor();
        await().atMost(WAIT).until(() -> governor.registration() != null && !server.heartbeats.isEmpty());
        server.deleted = true;
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(data.resolve("status")))
                .contains("HTTP 404: No such device. (the server has no device " + server.deviceId
                        + ": its owner deleted it; to offer this machine again, create a device"));
    }

    @Test
    void aRestartOfTheRuntimeKeepsTheRentersFilesAndLogin() throws Exception {
        DeviceGovernor first = startGovernor();
        server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt(bytes("password")),
                Instant.now().plusSeconds(3600));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        renterSsh("renter", "password", "echo kept > note.txt");

        // the runtime stops (governor, then the driver, as SCR does) and starts again
        first.close();
        LocalSshdDriverAccess.deactivate(driver);
        driver = LocalSshdDriverAccess.create(localPort, data.resolve("local-sshd"));
        assertThat(driver.status().state()).isEqualTo(ContainerStatus.State.RUNNING);
        assertThat(driver.status().rentalId()).isEqualTo("r1");
        int before = server.heartbeats.size();
        startGovernor();
        await().atMost(WAIT).until(() -> server.heartbeats.size() > before
                && "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        assertThat(renterSsh("renter", "password", "cat note.txt")).isEqualTo("kept\n");

        // the rental over while the runtime was away: the next start wipes it all the same
        server.desired = FakeServer.available();
        await().atMost(WAIT).until(() -> "NONE".equals(server.lastHeartbeat().get("container")));
        assertThat(data.resolve("local-sshd/rentals")).doesNotExist();
        assertThat(data.resolve("local-sshd/rental.properties")).doesNotExist();
    }

    @Test
    void aFailureSeenOnceKeepsTheRentersFilesAndOneThatStaysIsWipedAndStartedAfresh() throws Exception {
        FailingOnDemand failing = new FailingOnDemand(driver);
        driver = failing;
        startGovernor();
        server.desired = FakeServer.rented("r1", "renter", Sha2Crypt.sha512Crypt(bytes("password")),
                Instant.now().plusSeconds(3600));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        renterSsh("renter", "password", "echo kept > note.txt");
        Path note = data.resolve("local-sshd/rentals/r1/note.txt");
        assertThat(note).exists();

        // Docker did not answer once: reported, but the renter's files stay
        int before = server.heartbeats.size();
        failing.failNext(1);
        await().atMost(WAIT).until(() -> server.heartbeats.size() > before && "FAILED".equals(server.lastHeartbeat().get("container")));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        assertThat(note).as("not wiped after one failed check").exists();
        assertThat(renterSsh("renter", "password", "cat note.txt")).isEqualTo("kept\n");

        // failed at two checks in a row: the environment is wiped and started fresh
        failing.failNext(2);
        await().atMost(WAIT).until(() -> !Files.exists(note));
        await().atMost(WAIT).until(() -> "r1".equals(server.lastHeartbeat().get("appliedRentalId")));
        assertThat(renterSsh("renter", "password", "ls -A; echo done")).isEqualTo("done\n");
    }

    /** The local-sshd driver, made to report FAILED on demand, as the docker driver does while Docker does not answer. */
    private static final class FailingOnDemand implements ContainerDriver {
        private final ContainerDriver real;
        private final AtomicInteger failures = new AtomicInteger();

        FailingOnDemand(ContainerDriver real) {
            this.real = real;
        }

        void failNext(int statusChecks) {
            failures.set(statusChecks);
        }

        @Override
        public ContainerStatus status() {
            return failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? new ContainerStatus(ContainerStatus.State.FAILED, null, "Docker does not answer")
                    : real.status();
        }

        @Override
        public void start(RenterEnvironment environment) throws ContainerException {
            real.start(environment);
        }

        @Override
        public void reset() throws ContainerException {
            real.reset();
        }

        @Override
        public int sshPort() {
            return real.sshPort();
        }
    }

    private String renterSsh(String login, String password, String command) throws IOException, InterruptedException {
        // the rental may be applied before the tunnel is up (a renter would simply try again)
        await().atMost(WAIT).until(() -> OpenSshGateway.listening(tunnelPort));
        return OpenSshGateway.run(List.of("sshpass", "-p", password, "ssh", "-p", Integer.toString(tunnelPort),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                "-o", "ConnectTimeout=10", login + "@127.0.0.1", command));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
