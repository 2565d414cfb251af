package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device that loses its connection and comes back gets its port back, and the registry hears it right. */
class ReconnectTest {

    @TempDir
    static Path dir;
    static TestKey deviceKey;
    static TestKey renterKey;
    static OpenSsh.DeviceShell deviceShell;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "device");
        renterKey = TestKey.generate(dir, "renter");
        deviceShell = new OpenSsh.DeviceShell(dir, renterKey);
        gateway = new TestGateway(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        deviceShell.close();
    }

    private static Process connect(String deviceId, int tunnelPort) throws Exception {
        Process device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, deviceId,
                "-N", "-R", tunnelPort + ":localhost:" + deviceShell.port));
        OpenSsh.awaitListening(tunnelPort);
        return device;
    }

    @Test
    void aKilledConnectionReleasesThePortAndAReconnectBindsItAgain() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("re1", deviceKey, tunnelPort);

        Process first = connect("re1", tunnelPort);
        first.destroyForcibly().waitFor();
        await().until(() -> !OpenSsh.listening(OpenSsh.LOOPBACK, tunnelPort));
        await().until(() -> gateway.status.of("re1"), r -> r.equals(List.of("connected re1", "disconnected re1")));

        Process second = connect("re1", tunnelPort);
        try {
            assertThat(OpenSsh.renter(dir, tunnelPort, renterKey, "echo back again").output()).contains("back again");
            await().until(() -> gateway.status.of("re1"),
                    r -> r.equals(List.of("connected re1", "disconnected re1", "connected re1")));
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    @Test
    void aNewSessionReplacesAnOldOneStillHoldingThePort() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("re2", deviceKey, tunnelPort);
        try (SshClient client = MinaDevice.client()) {
            // the old session never closes from its side, like a connection lost behind a NAT
            ClientSession old = MinaDevice.login(client, gateway.port(), "re2", deviceKey);
            old.startRemotePortForwarding(new SshdSocketAddress("localhost", tunnelPort),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, deviceShell.port));
            var oldRemote = gateway.gateway.tunnel("re2").orElseThrow().remote();

            Process fresh = connect("re2", tunnelPort);
            try {
                await().until(old::isClosed);
                assertThat(gateway.gateway.tunnel("re2").orElseThrow().remote()).isNotEqualTo(oldRemote);
                assertThat(gateway.gateway.sessionsOf("re2")).hasSize(1);
                assertThat(OpenSsh.renter(dir, tunnelPort, renterKey, "echo replaced").output()).contains("replaced");
                // the tunnel never went down for the registry: one device, one tunnel, handed over
                await().until(() -> gateway.status.of("re2"),
                        r -> r.equals(List.of("connected re2", "connected re2")));
            } finally {
                fresh.destroyForcibly().waitFor();
            }
        }
        await().until(() -> !OpenSsh.listening(OpenSsh.LOOPBACK, tunnelPort));
    }

    @Test
    void kickingADeviceClosesItsSessionAndReleasesThePort() throws Exception {
        int tunnelPort = OpenSsh.freePort();
        gateway.devices.register("re3", deviceKey, tunnelPort);
        Process device = connect("re3", tunnelPort);
        try {
            assertThat(gateway.gateway.kick("re3")).isTrue();
            await().until(() -> !OpenSsh.listening(OpenSsh.LOOPBACK, tunnelPort));
            await().until(() -> !device.isAlive());
            assertThat(gateway.gateway.kick("re3")).isFalse();
        } finally {
            device.destroyForcibly().waitFor();
        }
    }
}
