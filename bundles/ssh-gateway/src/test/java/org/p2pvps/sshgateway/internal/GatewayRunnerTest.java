package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305Choice;

/**
 * An operator edits etc/org.p2pvps.sshgateway.cfg while devices are connected: a valid change restarts the
 * gateway with it, a value that is invalid or cannot start (a port in use) leaves the gateway serving as before.
 */
class GatewayRunnerTest {

    @TempDir
    static Path dir;
    static TestKey deviceKey;

    private final InMemoryDevices devices = new InMemoryDevices();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ChaCha20Poly1305Choice chaCha = new ChaCha20Poly1305Choice();
    private final GatewayRunner runner = new GatewayRunner(
            options -> new Gateway(options, devices::find, () -> Optional.of(new RecordedTunnelStatus()),
                    new InMemoryRenters(), chaCha),
            dir, new GatewayRunner.Listener() {
                @Override
                public void started(Gateway gateway) {
                    events.add("started " + gateway.port());
                }

                @Override
                public void stopping(Gateway gateway) {
                    events.add("stopping " + gateway.port());
                }
            }, Duration.ofMillis(100));
    private Process device;

    @BeforeAll
    static void keys() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "device");
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.destroyForcibly().waitFor();
        }
        runner.close();
    }

    private static GatewayConfig config(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "listen.address", OpenSsh.LOOPBACK,
                "renter.bind.address", OpenSsh.LOOPBACK,
                "host.key.file", dir.resolve("gateway-host-key").toString()));
        config.putAll(overrides);
        return TestConfig.of(config);
    }

    /** A loopback port another program holds. */
    private static ServerSocket portTaken() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName(OpenSsh.LOOPBACK));
    }

    private Gateway running() {
        return runner.running().orElseThrow();
    }

    @Test
    void anInvalidChangeLeavesTheGatewayAndItsTunnelsAsTheyAre() throws Exception {
        int port = OpenSsh.freePort();
        runner.apply(config(Map.of("listen.port", port)));
        Gateway started = running();
        int tunnelPort = OpenSsh.freePort();
        devices.register("cfg1", deviceKey, tunnelPort);
        device = OpenSsh.start(dir, OpenSsh.deviceCommand(port, deviceKey, "cfg1", "-N", "-R",
                tunnelPort + ":localhost:" + port));
        OpenSsh.awaitListening(tunnelPort);

        runner.apply(config(Map.of("listen.port", "abc")));
        runner.apply(config(Map.of("listen.port", port, "max.sessions.per.device", 0)));
        runner.apply(config(Map.of("listen.port", port, "renter.bind.address", "example.org")));

        assertThat(running()).isSameAs(started);
        assertThat(started.tunnel("cfg1")).isPresent();
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, tunnelPort)).isTrue();
        assertThat(events).containsExactly("started " + port);
    }

    @Test
    void aValidChangeRestartsTheGatewayWithIt() {
        int port = OpenSsh.freePort();
        int newPort = OpenSsh.freePort();
        runner.apply(config(Map.of("listen.port", port)));

        runner.apply(config(Map.of("listen.port", newPort)));

        assertThat(running().port()).isEqualTo(newPort);
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, port)).isFalse();
        assertThat(events).containsExactly("started " + port, "stopping " + port, "started " + newPort);
    }

    @Test
    void theSameSettingsSavedAgainDoNotRestartTheGateway() {
        int port = OpenSsh.freePort();
        runner.apply(config(Map.of("listen.port", port)));
        Gateway started = running();

        runner.apply(config(Map.of("listen.port", port)));

        assertThat(running()).isSameAs(started);
        assertThat(events).containsExactly("started " + port);
    }

    @Test
    void aPortInUseGoesBackToThePreviousSettings() throws Exception {
        int port = OpenSsh.freePort();
        runner.apply(config(Map.of("listen.port", port)));
        try (ServerSocket taken = portTaken()) {
            runner.apply(config(Map.of("listen.port", taken.getLocalPort())));
        }

        assertThat(running().port()).isEqualTo(port);
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, port)).isTrue();
        assertThat(events).containsExactly("started " + port, "stopping " + port, "started " + port);
    }

    @Test
    void aGatewayThatCouldNotStartStartsOnceTheSettingsAreFixed() {
        runner.apply(config(Map.of("listen.port", 70000)));
        assertThat(runner.running()).isEmpty();

        int port = OpenSsh.freePort();
        runner.apply(config(Map.of("listen.port", port)));

        assertThat(running().port()).isEqualTo(port);
        assertThat(events).containsExactly("started " + port);
    }

    @Test
    void aPortInUseAtTheFirstStartIsTriedAgainUntilItIsFree() throws Exception {
        int port;
        try (ServerSocket taken = portTaken()) {
            port = taken.getLocalPort();
            runner.apply(config(Map.of("listen.port", port)));
            assertThat(runner.running()).isEmpty();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> runner.running().isPresent());
        assertThat(running().port()).isEqualTo(port);
        assertThat(OpenSsh.listening(OpenSsh.LOOPBACK, port)).isTrue();
        assertThat(events).containsExactly("started " + port);
    }

    /** Each failed start used to leave its event loops (and anything it had bound) running, retry after retry. */
    @Test
    void startsThatFailLeaveNoEventLoopBehind() throws Exception {
        try (ServerSocket taken = portTaken()) {
            runner.apply(config(Map.of("listen.port", taken.getLocalPort())));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> runner.running().isEmpty()); // retrying all along
            runner.close();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().contains("-loop-")));
    }

    @Test
    void newSettingsReplaceTheRetriesOfOnesThatCouldNotStart() throws Exception {
        try (ServerSocket taken = portTaken()) {
            runner.apply(config(Map.of("listen.port", taken.getLocalPort())));
            int port = OpenSsh.freePort();
            runner.apply(config(Map.of("listen.port", port)));
            taken.close(); // a retry of the old settings would now start on it

            assertThat(running().port()).isEqualTo(port);
            // for several retry intervals, no restart with the old settings
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> events.equals(List.of("started " + port)));
        }
    }

    @Test
    void aRetryThatFiredWhileTheGatewayWasClosedStartsNothing() throws Exception {
        int port;
        try (ServerSocket taken = portTaken()) {
            port = taken.getLocalPort();
            runner.apply(config(Map.of("listen.port", port)));
            synchronized (runner) { // the component going away holds the runner while a retry waits for it
                await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals("p2pvps-gateway-start")
                                && t.getState() == Thread.State.BLOCKED));
                runner.close();
                taken.close();
            }
        }

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> runner.running().isEmpty() && !OpenSsh.listening(OpenSsh.LOOPBACK, port));
        assertThat(events).isEmpty();
    }
}
