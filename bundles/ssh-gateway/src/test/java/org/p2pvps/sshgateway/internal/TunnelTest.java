package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.helpers.AbstractConnectionServiceRequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.gateway.Tunnel;

/**
 * A renter's plain {@code ssh -p <tunnelPort>} reaches the device's own sshd through the gateway, end to end
 * over real SSH: the device is OpenSSH's {@code ssh -N -R} (as owners may run it, or autossh) or Apache SSHD's
 * client (as the device governor will). The gateway's check-in request reaches an Apache SSHD device; OpenSSH
 * ignores it.
 */
class TunnelTest {

    @TempDir
    static Path dir;
    static TestKey deviceKey;
    static TestKey renterKey;
    static OpenSsh.DeviceShell deviceShell;

    TestGateway gateway;
    Process device;

    @BeforeAll
    static void keysAndDeviceShell() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "device");
        renterKey = TestKey.generate(dir, "renter");
        deviceShell = new OpenSsh.DeviceShell(dir, renterKey);
    }

    @AfterAll
    static void stopDeviceShell() throws Exception {
        deviceShell.close();
    }

    @BeforeEach
    void startGateway() throws Exception {
        gateway = new TestGateway(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.destroyForcibly().waitFor();
        }
        gateway.close();
    }

    @Test
    void openSshDeviceCarriesARenterToItsShell() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("dev1", deviceKey, tunnelPort);

        device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "dev1",
                "-N", "-R", tunnelPort + ":localhost:" + deviceShell.port));
        OpenSsh.awaitListening(tunnelPort);

        OpenSsh.Result renter = OpenSsh.renter(dir, tunnelPort, renterKey, "echo hello from $(hostname)");
        assertThat(renter.output()).contains("hello from");
        assertThat(renter.exitCode()).isZero();

        Tunnel tunnel = gateway.gateway.tunnel("dev1").orElseThrow();
        assertThat(tunnel.port()).isEqualTo(tunnelPort);
        assertThat(tunnel.bindAddress()).isEqualTo(OpenSsh.LOOPBACK);
        assertThat(tunnel.bytesIn()).isPositive();
        assertThat(tunnel.bytesOut()).isPositive();
        await().until(() -> gateway.status.of("dev1"), reports -> reports.equals(List.of("connected dev1")));
    }

    @Test
    void minaClientDeviceCarriesARenterToItsShell() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("dev2", deviceKey, tunnelPort);

        try (SshClient client = MinaDevice.client();
                ClientSession session = MinaDevice.login(client, gateway.port(), "dev2", deviceKey)) {
            SshdSocketAddress bound = session.startRemotePortForwarding(
                    new SshdSocketAddress("localhost", tunnelPort),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, deviceShell.port));
            assertThat(bound.getPort()).isEqualTo(tunnelPort);

            OpenSsh.Result renter = OpenSsh.renter(dir, tunnelPort, renterKey, "echo via mina");
            assertThat(renter.output()).contains("via mina");
            assertThat(gateway.gateway.tunnels()).extracting(Tunnel::deviceId).containsExactly("dev2");
        }
        await().until(() -> !OpenSsh.listening(OpenSsh.LOOPBACK, tunnelPort));
        await().until(() -> gateway.status.of("dev2"), reports -> reports.equals(
                List.of("connected dev2", "disconnected dev2")));
        assertThat(gateway.gateway.tunnels()).isEmpty();
    }

    @Test
    void aConnectedDeviceHearsTheCheckInRequestAndAnAbsentOneIsNotAsked() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("ci1", deviceKey, tunnelPort);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (SshClient client = MinaDevice.client()) {
            List<RequestHandler<ConnectionService>> handlers = new ArrayList<>(client.getGlobalRequestHandlers());
            handlers.add(new AbstractConnectionServiceRequestHandler() {
                @Override
                public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
                    heard.add(request + (wantReply ? " (wants a reply)" : ""));
                    return Result.ReplySuccess;
                }
            });
            client.setGlobalRequestHandlers(handlers);
            ClientSession session = MinaDevice.login(client, gateway.port(), "ci1", deviceKey);
            session.startRemotePortForwarding(new SshdSocketAddress("localhost", tunnelPort),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, deviceShell.port));

            assertThat(gateway.gateway.requestCheckIn("ci1")).isTrue();
            await().until(() -> heard, h -> h.contains(CheckInRequest.NAME));
            assertThat(heard).containsOnly(CheckInRequest.NAME);
        }
        assertThat(gateway.gateway.requestCheckIn("nobody")).isFalse();
    }

    @Test
    void anOpenSshDeviceIgnoresTheCheckInRequestAndKeepsItsTunnel() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("ci2", deviceKey, tunnelPort);
        device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "ci2",
                "-N", "-R", tunnelPort + ":localhost:" + deviceShell.port));
        OpenSsh.awaitListening(tunnelPort);

        assertThat(gateway.gateway.requestCheckIn("ci2")).isTrue();

        assertThat(OpenSsh.renter(dir, tunnelPort, renterKey, "echo still here").output()).contains("still here");
        assertThat(device.isAlive()).isTrue();
    }
}
