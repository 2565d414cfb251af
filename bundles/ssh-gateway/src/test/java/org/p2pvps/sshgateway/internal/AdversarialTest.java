package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a device (or anyone) must not get from the gateway. Each case asserts the refusal and that nothing
 * was bound or opened: a port that was asked for does not accept connections afterwards.
 */
class AdversarialTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int MAX_UNAUTHENTICATED = 4;

    @TempDir
    static Path dir;
    static TestKey deviceKey;
    static TestKey otherKey;
    static TestGateway gateway;
    static SshClient mina;

    @BeforeAll
    static void start() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "device");
        otherKey = TestKey.generate(dir, "other");
        gateway = new TestGateway(dir, Map.of("max.unauthenticated", MAX_UNAUTHENTICATED));
        mina = MinaDevice.client();
    }

    @AfterAll
    static void stop() {
        mina.stop();
        gateway.close();
    }

    /** A registered device with a fresh id and tunnel port. */
    private static Registered device(TestKey key) {
        String id = "adv" + IDS.incrementAndGet();
        int port = OpenSsh.freePort();
        gateway.devices.register(id, key, port);
        return new Registered(id, port);
    }

    private record Registered(String id, int port) {
    }

    private static OpenSsh.Result ssh(TestKey key, String deviceId, String... args) throws Exception {
        return OpenSsh.exec(dir, Duration.ofSeconds(30), OpenSsh.deviceCommand(gateway.port(), key, deviceId, args));
    }

    private static ClientSession login(String deviceId, TestKey key) throws IOException {
        return MinaDevice.login(mina, gateway.port(), deviceId, key);
    }

    private static void assertNotListening(int port) {
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, port)).as("port %d bound", port).isFalse();
    }

    @Test
    void wrongKeyIsRefused() throws Exception {
        Registered device = device(deviceKey);
        OpenSsh.Result result = ssh(otherKey, device.id(), "-N", "-R", device.port() + ":localhost:22");
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("Permission denied");
        assertNotListening(device.port());
    }

    @Test
    void unknownDeviceIsRefused() throws Exception {
        int port = OpenSsh.freePort();
        OpenSsh.Result result = ssh(deviceKey, "no-such-device", "-N", "-R", port + ":localhost:22");
        assertThat(result.output()).contains("Permission denied");
        assertNotListening(port);
    }

    @Test
    void deletedDeviceIsRefused() throws Exception {
        Registered device = device(deviceKey);
        gateway.devices.delete(device.id());
        OpenSsh.Result result = ssh(deviceKey, device.id(), "-N", "-R", device.port() + ":localhost:22");
        assertThat(result.output()).contains("Permission denied");
        assertNotListening(device.port());
    }

    @Test
    void anotherDevicesPortIsRefused() throws Exception {
        Registered mine = device(deviceKey);
        Registered theirs = device(otherKey);
        OpenSsh.Result result = ssh(deviceKey, mine.id(), "-N", "-R", theirs.port() + ":localhost:22");
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("remote port forwarding failed");
        assertNotListening(theirs.port());
        assertNotListening(mine.port());
    }

    @Test
    void aPortOutsideTheRangeIsRefused() throws Exception {
        Registered device = device(deviceKey);
        int elsewhere = OpenSsh.freePort();
        OpenSsh.Result result = ssh(deviceKey, device.id(), "-N", "-R", elsewhere + ":localhost:22");
        assertThat(result.output()).contains("remote port forwarding failed");
        assertNotListening(elsewhere);
    }

    @Test
    void portZeroIsRefused() throws Exception {
        Registered device = device(deviceKey);
        OpenSsh.Result result = ssh(deviceKey, device.id(), "-N", "-R", "0:localhost:22");
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("remote port forwarding failed");
        assertThat(gateway.gateway.tunnel(device.id())).isEmpty();
    }

    @Test
    void aWildcardBindIsBoundOnTheConfiguredLoopbackOnly() throws Exception {
        Registered device = device(deviceKey);
        try (ClientSession session = login(device.id(), deviceKey)) {
            session.startRemotePortForwarding(new SshdSocketAddress("0.0.0.0", device.port()),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, 9));
            assertThat(gateway.gateway.tunnel(device.id()).orElseThrow().bindAddress()).isEqualTo(OpenSsh.LOOPBACK);
            assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, device.port())).isTrue();
            // 127.0.0.2 is loopback too, but not the address configured: a wildcard bind would answer there
            assertThat(OpenSsh.listening("127.0.0.2", device.port())).isFalse();
        }
    }

    @Test
    void aSecondBindIsRefused() throws Exception {
        Registered device = device(deviceKey);
        try (ClientSession session = login(device.id(), deviceKey)) {
            SshdSocketAddress tunnel = new SshdSocketAddress("localhost", device.port());
            session.startRemotePortForwarding(tunnel, new SshdSocketAddress(OpenSsh.LOOPBACK, 9));
            // by hand: Apache SSHD's client cancels "its" forward of that port when the second request fails
            Buffer second = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST);
            second.putString("tcpip-forward");
            second.putBoolean(true);
            second.putString(OpenSsh.LOOPBACK);
            second.putInt(device.port());
            assertThat(session.request("tcpip-forward", second, Duration.ofSeconds(10))).as("reply").isNull();
            assertThat(gateway.gateway.tunnels()).filteredOn(t -> t.deviceId().equals(device.id())).hasSize(1);
            assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, device.port())).isTrue();
        }
        await().until(() -> !OpenSsh.listening(OpenSsh.LOOPBACK, device.port()));
    }

    @Test
    void aLocalForwardToTheGatewayItselfIsRefused() throws Exception {
        Registered device = device(deviceKey);
        OpenSsh.Result result = ssh(deviceKey, device.id(), "-W", OpenSsh.LOOPBACK + ":" + gateway.port());
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("stdio forwarding failed").doesNotContain("SSH-2.0");
    }

    @Test
    void aShellIsRefused() throws Exception {
        Registered device = device(deviceKey);
        List<String> command = OpenSsh.deviceCommand(gateway.port(), deviceKey, device.id(), "-tt");
        command.add(command.indexOf("LogLevel=ERROR"), "LogLevel=INFO");
        command.remove(command.lastIndexOf("LogLevel=ERROR"));
        OpenSsh.Result result = OpenSsh.exec(dir, Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("open failed");
    }

    @Test
    void execIsRefused() throws Exception {
        assertThat(remoteCommand("echo pwned").output()).doesNotContain("pwned");
    }

    @Test
    void theSftpSubsystemIsRefused() throws Exception {
        remoteCommand("sftp", "-s");
    }

    /** Runs {@code ssh [options] device@gateway command}, which must fail as ssh fails on a refusal. */
    private static OpenSsh.Result remoteCommand(String remote, String... options) throws Exception {
        Registered device = device(deviceKey);
        List<String> command = OpenSsh.deviceCommand(gateway.port(), deviceKey, device.id(), options);
        command.add(remote);
        OpenSsh.Result result = OpenSsh.exec(dir, Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).isEqualTo(255);
        return result;
    }

    @Test
    void aSessionChannelIsRefusedSoNoPtyAgentOrX11() throws Exception {
        Registered device = device(deviceKey);
        try (ClientSession session = login(device.id(), deviceKey)) {
            ClientChannel channel = session.createShellChannel();
            assertThatThrownBy(() -> channel.open().verify(Duration.ofSeconds(10))).hasMessageContaining("Unsupported");
        }
        OpenSsh.Result agent = ssh(deviceKey, device.id(), "-A", "-X", "-tt");
        assertThat(agent.exitCode()).isEqualTo(255);
    }

    @Test
    void aStreamlocalForwardIsRefused() throws Exception {
        Registered device = device(deviceKey);
        Path socket = dir.resolve("device.sock");
        OpenSsh.Result result = ssh(deviceKey, device.id(), "-N", "-R", socket + ":localhost:22");
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(socket).doesNotExist();
    }

    @Test
    void aFloodOfUnauthenticatedConnectionsIsCappedAndTheGatewayStaysUp() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_UNAUTHENTICATED * 5; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(OpenSsh.LOOPBACK, gateway.port()), 2000);
                socket.setSoTimeout(5000);
                flood.add(socket);
            }
            await().untilAsserted(() -> assertThat(gateway.gateway.pendingSessions()).isLessThanOrEqualTo(
                    MAX_UNAUTHENTICATED));
            // the ones over the limit are dropped: they read the end of the stream, not a wait
            long dropped = flood.stream().filter(AdversarialTest::closedByServer).count();
            assertThat(dropped).isGreaterThanOrEqualTo(MAX_UNAUTHENTICATED * 4L);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        await().until(() -> gateway.gateway.pendingSessions() == 0);
        Registered device = device(deviceKey);
        try (ClientSession session = login(device.id(), deviceKey)) {
            assertThat(session.isAuthenticated()).isTrue();
        }
    }

    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return !e.getMessage().contains("timed out");
        }
    }
}
