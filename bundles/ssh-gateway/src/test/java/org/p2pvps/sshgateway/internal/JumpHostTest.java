package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jump host: a renter with an active rental runs {@code ssh -J <login>@gateway <login>@<subdomain>} and
 * reaches its rented device's sshd through the device's tunnel; nothing else, and only while it lasts.
 */
class JumpHostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String LOGIN = "rjump001";
    /** max.channels.per.session's default, which the test gateway keeps. */
    private static final int CHANNELS_PER_SESSION = 64;
    private static final String PASSWORD = "a-renter-password-24chars";

    @TempDir
    static Path dir;
    static TestKey deviceKey;
    static TestKey renterKey;
    static TestKey strangerKey;
    static OpenSsh.DeviceShell deviceShell;

    TestGateway gateway;
    Process device;
    int tunnelPort;
    SshClient client;

    @BeforeAll
    static void keysAndDeviceShell() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "jump-device");
        renterKey = TestKey.generate(dir, "jump-renter");
        strangerKey = TestKey.generate(dir, "jump-stranger");
        deviceShell = new OpenSsh.DeviceShell(dir, renterKey);
    }

    @AfterAll
    static void stopDeviceShell() throws Exception {
        deviceShell.close();
    }

    @BeforeEach
    void deviceWithTunnelAndRental() throws Exception {
        gateway = new TestGateway(dir);
        tunnelPort = OpenSsh.freePort();
        gateway.devices.register("dev1", deviceKey, tunnelPort);
        gateway.devices.register("dev2", strangerKey, OpenSsh.freePort());
        device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "dev1",
                "-N", "-R", tunnelPort + ":localhost:" + deviceShell.port));
        OpenSsh.awaitListening(tunnelPort);
        gateway.renters.rent("rental-1", "dev1", LOGIN, PASSWORD, renterKey);
        client = MinaDevice.client();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        device.destroyForcibly().waitFor();
        gateway.close();
    }

    @Test
    void stockOpenSshJumpsToTheRentedDeviceBySubdomain() throws Exception {
        Path config = dir.resolve("renter-ssh-config");
        // -J starts a second ssh for the jump; only a config file reaches it, so both hops read this one
        Files.writeString(config, String.join("\n",
                "Host *",
                "  IdentityFile " + renterKey.privateKeyFile(),
                "  IdentitiesOnly yes",
                "  StrictHostKeyChecking no",
                "  UserKnownHostsFile /dev/null",
                "  BatchMode yes",
                "  LogLevel ERROR",
                "  ConnectTimeout 10", ""));
        OpenSsh.Result result = OpenSsh.exec(dir, Duration.ofSeconds(60), List.of("ssh", "-F", config.toString(),
                "-J", LOGIN + "@" + OpenSsh.LOOPBACK + ":" + gateway.port(), "root@sub-dev1", "echo jumped to $(hostname)"));
        assertThat(result.output()).contains("jumped to");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aPasswordLoginReachesTheDeviceSshByDeviceIdToo() throws Exception {
        try (ClientSession renter = renterSession(PASSWORD)) {
            assertThat(banner(renter, "dev1", 22)).startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void aRenterReachesNothingButItsRentedDevicesSsh() throws Exception {
        try (ClientSession renter = renterSession(PASSWORD)) {
            assertRefused(renter, "sub-dev2", 22);                 // a device it has not rented
            assertRefused(renter, "sub-dev1", 80);                 // another port of its device
            assertRefused(renter, OpenSsh.LOOPBACK, tunnelPort);   // the tunnel port directly
            assertRefused(renter, OpenSsh.LOOPBACK, gateway.port()); // the gateway itself
            assertThatThrownBy(() -> renter.createShellChannel().open().verify(TIMEOUT))
                    .as("no shell for renters").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> renter.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress("127.0.0.1", 22))).as("no remote forwards for renters").isInstanceOf(IOException.class);
        }
    }

    /**
     * A refused jump gives its channel back, and leaves no thread behind: refused more often than a session may hold
     * channels, a renter still jumps.
     */
    @Test
    void refusedJumpsHoldNoChannelOfTheSessionAndNoThread() throws Exception {
        try (ClientSession renter = renterSession(PASSWORD)) {
            long cleanUpThreadsBefore = connectorCleanUpThreads();
            for (int i = 0; i <= CHANNELS_PER_SESSION; i++) {
                assertRefused(renter, "sub-dev1", 80);
            }
            assertThat(connectorCleanUpThreads()).isLessThanOrEqualTo(cleanUpThreadsBefore);
            assertThat(banner(renter, "sub-dev1", 22)).startsWith("SSH-2.0-OpenSSH");
        }
    }

    /** @return threads of Apache SSHD's clean-up after a forwarded channel (each closed channel starts one) */
    private static long connectorCleanUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("TcpIpServerChannel-ConnectorCleanup")).count();
    }

    @Test
    void aWrongPasswordOrKeyGetsNoSession() throws Exception {
        assertThatThrownBy(() -> renterSession("wrong")).isInstanceOf(IOException.class);
        ClientSession stranger = client.connect(LOGIN, OpenSsh.LOOPBACK, gateway.port()).verify(TIMEOUT).getSession();
        stranger.addPublicKeyIdentity(strangerKey.keyPair());
        assertThatThrownBy(() -> stranger.auth().verify(TIMEOUT)).isInstanceOf(IOException.class);
        stranger.close();
    }

    @Test
    void whenTheRentalEndsItsRenterIsCutOffAndCannotComeBack() throws Exception {
        ClientSession renter = renterSession(PASSWORD);
        var channel = renter.createDirectTcpipChannel(null, new SshdSocketAddress("sub-dev1", 22));
        channel.open().verify(TIMEOUT);
        gateway.renters.end("rental-1");
        await().atMost(Duration.ofSeconds(Gateway.RENTER_CHECK_SECONDS * 5L)).until(renter::isClosed);
        assertThatThrownBy(() -> renterSession(PASSWORD)).isInstanceOf(IOException.class);
    }

    private ClientSession renterSession(String password) throws IOException {
        ClientSession session = client.connect(LOGIN, OpenSsh.LOOPBACK, gateway.port()).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        try {
            session.auth().verify(TIMEOUT);
        } catch (IOException e) {
            session.close(true);
            throw e;
        }
        return session;
    }

    /** @return the first line the far end sends through a jump channel: the device sshd's banner */
    private static String banner(ClientSession renter, String host, int port) throws IOException {
        var channel = renter.createDirectTcpipChannel(null, new SshdSocketAddress(host, port));
        channel.open().verify(TIMEOUT);
        InputStream in = channel.getInvertedOut();
        List<Byte> line = new ArrayList<>();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.add((byte) b);
        }
        byte[] bytes = new byte[line.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = line.get(i);
        }
        channel.close(true);
        return new String(bytes, StandardCharsets.US_ASCII).trim();
    }

    private static void assertRefused(ClientSession renter, String host, int port) {
        assertThatThrownBy(() -> renter.createDirectTcpipChannel(null, new SshdSocketAddress(host, port))
                .open().verify(TIMEOUT)).as("jump to %s:%d", host, port).isInstanceOf(IOException.class);
    }
}
