package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the registry is away (the server starting, the registry feature reinstalled) or does not answer (its
 * database down) a device cannot log in; it is told why, instead of being refused as if its key were wrong, and the
 * tunnels already up keep carrying their renters' bytes.
 */
class RegistryAwayTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceIsToldTheRegistryIsAwayAndGetsInOnceItIsBack() throws Exception {
        TestKey key = TestKey.generate(dir, "device");
        try (TestGateway gateway = new TestGateway(dir)) {
            gateway.devices.register("away1", key, OpenSsh.freePort());
            SshClient client = MinaDevice.client();
            try {
                gateway.devices.away = true;
                assertThatThrownBy(() -> MinaDevice.login(client, gateway.port(), "away1", key))
                        .hasMessageContaining(DeviceAuthenticator.REGISTRY_AWAY);

                gateway.devices.away = false;
                try (ClientSession session = MinaDevice.login(client, gateway.port(), "away1", key)) {
                    assertThat(session.isAuthenticated()).isTrue();
                }
            } finally {
                client.stop();
            }
        }
    }

    /**
     * Logins while the registry does not answer held the SSH threads that move every tunnel's bytes for as long as
     * the registry's database driver waited (10 s): a few of them stopped every tunnel.
     */
    @Test
    void aRegistryThatDoesNotAnswerStopsNoTunnelAndLoginsAreToldToTryAgain() throws Exception {
        ExecutorService logins = Executors.newCachedThreadPool();
        // one event loop: the tunnel must carry on while logins wait for the registry
        try (LiveTunnel live = new LiveTunnel(dir, Map.of("nio.workers", 1), Duration.ofMillis(1500))) {
            live.gateway.devices.register("later", live.key, OpenSsh.freePort());
            assertThat(live.echo("before")).isEqualTo("before");

            live.holdRegistry(); // every look-up waits from now on, as on a dead database
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "ghost" + i;
                attempts.add(logins.submit(() -> live.login(id)));
            }
            await().until(() -> live.gateway.devices.waiting.get() > 0); // a login's look-up is held now
            assertThat(live.echo("during")).as("the tunnel carries on").isEqualTo("during");
            for (Future<?> attempt : attempts) {
                assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS))
                        .hasMessageContaining(DeviceAuthenticator.REGISTRY_AWAY);
            }
            assertThat(live.echo("still")).isEqualTo("still");

            live.answerRegistry(); // the database is back: the registry answers the gateway's next probe
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (ClientSession later = live.login("later")) {
                    return later.isAuthenticated();
                }
            });
        } finally {
            logins.shutdownNow();
        }
    }

    /**
     * A login's registry look-up waits off the event loops: with one loop and a look-up that is never given up on,
     * the tunnel carries on while the look-up still waits (on the loop, it waited there and held the tunnel).
     */
    @Test
    void aLoginWaitingForTheRegistryHoldsNoConnectionOfItsLoop() throws Exception {
        ExecutorService logins = Executors.newSingleThreadExecutor();
        try (LiveTunnel live = new LiveTunnel(dir, Map.of("nio.workers", 1), Duration.ofMinutes(5))) {
            live.holdRegistry();
            Future<?> login = logins.submit(() -> live.login("ghost"));
            await().until(() -> live.gateway.devices.waiting.get() > 0);

            assertThat(live.echo("during")).as("the tunnel carries on").isEqualTo("during");
            assertThat(live.gateway.devices.waiting.get()).as("the login's look-up still waits").isPositive();

            live.answerRegistry();
            assertThatThrownBy(() -> login.get(30, TimeUnit.SECONDS)).as("an unknown device, refused")
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("No more authentication methods available");
            assertThat(live.gateway.devices.waiting.get()).isZero();
        } finally {
            logins.shutdownNow();
        }
    }

    /**
     * A jump's registry look-ups wait off the event loops too: with one loop and a look-up that is never given up on,
     * the tunnel carries on while the jump waits (on the loop, it waited there and held the tunnel), and the jump goes
     * through once the registry answers.
     */
    @Test
    @Timeout(120) // the channel's stream below has no read timeout of its own
    void aJumpWaitingForTheRegistryHoldsNoConnectionOfItsLoop() throws Exception {
        try (LiveTunnel live = new LiveTunnel(dir, Map.of("nio.workers", 1), Duration.ofMinutes(5));
                ClientSession renter = live.renter("r-jump", "jumper");
                ChannelDirectTcpip jump = LiveTunnel.jump(renter)) {
            live.holdRegistry();
            OpenFuture opening = jump.open();
            await().until(() -> live.gateway.devices.waiting.get() > 0);

            assertThat(live.echo("during")).as("the tunnel carries on").isEqualTo("during");
            assertThat(opening.isDone()).as("the jump still waits for the registry").isFalse();

            live.answerRegistry();
            opening.verify(Duration.ofSeconds(30));
            OutputStream toDevice = jump.getInvertedIn();
            toDevice.write("jumped".getBytes(StandardCharsets.UTF_8));
            toDevice.flush();
            assertThat(new String(jump.getInvertedOut().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("jumped");
        }
    }

    /**
     * A rental's jumps are checked a few at a time: while its checks wait for the registry, one more of its jumps is
     * refused at once (resource shortage), another renter's jump still waits its turn, and all of those go through
     * once the registry answers.
     */
    @Test
    void oneRentalsJumpsCannotFillTheQueueOfEveryonesJumps() throws Exception {
        try (LiveTunnel live = new LiveTunnel(dir, Map.of(), Duration.ofMinutes(5));
                ClientSession many = live.renter("r-many", "many");
                ClientSession other = live.renter("r-other", "other")) {
            live.holdRegistry();
            List<OpenFuture> waiting = new ArrayList<>();
            for (int i = 0; i < JumpChecks.PER_RENTAL; i++) {
                waiting.add(LiveTunnel.jump(many).open());
            }
            await().until(() -> live.gateway.devices.waiting.get() > 0);

            OpenFuture oneMore = LiveTunnel.jump(many).open();
            assertThat(oneMore.await(Duration.ofSeconds(30))).isTrue();
            assertThat(oneMore.getException()).isInstanceOfSatisfying(SshChannelOpenException.class,
                    refused -> assertThat(refused.getReasonCode()).isEqualTo(SshConstants.SSH_OPEN_RESOURCE_SHORTAGE));
            // admitted, not refused: it waits with the others, and opens with them below
            waiting.add(LiveTunnel.jump(other).open());
            assertThat(waiting).noneMatch(OpenFuture::isDone);

            live.answerRegistry();
            for (OpenFuture jump : waiting) {
                jump.verify(Duration.ofSeconds(30));
            }
        }
    }

    /**
     * The registry cannot say that a rental ended: the end it had at the registry's last answer still holds, a
     * renewal the gateway heard of before the registry went away included.
     */
    @Test
    void whileTheRegistryIsAwayAJumpSessionEndsAtItsRentalsEnd() throws Exception {
        TestKey key = TestKey.generate(dir, "device");
        CountDownLatch unanswered = new CountDownLatch(1);
        try (TestGateway gateway = new TestGateway(dir, Map.of(), Duration.ofMillis(1500), Duration.ofMillis(200))) {
            gateway.devices.register("rented", key, OpenSsh.freePort());
            Instant soon = Instant.now().plusSeconds(6);
            gateway.renters.rent("r-short", "rented", "short", "pw-short", null, soon);
            gateway.renters.rent("r-renewed", "rented", "renewed", "pw-renewed", null, soon);
            gateway.renters.rent("r-long", "rented", "long", "pw-long", null, Instant.now().plusSeconds(3600));
            SshClient client = MinaDevice.client();
            try (ClientSession shortRenter = renterSession(client, gateway.port(), "short", "pw-short");
                    ClientSession renewedRenter = renterSession(client, gateway.port(), "renewed", "pw-renewed");
                    ClientSession longRenter = renterSession(client, gateway.port(), "long", "pw-long")) {
                gateway.renters.rent("r-renewed", "rented", "renewed", "pw-renewed", null,
                        Instant.now().plusSeconds(3600));
                // the gateway's check asks on one thread, a rental at a time: by the third answer from now the
                // renewed grant has been answered and kept on the session
                int asked = gateway.renters.activeAnswers("r-renewed");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> gateway.renters.activeAnswers("r-renewed") >= asked + 3);
                gateway.devices.unanswered = unanswered;
                assertThatThrownBy(() -> MinaDevice.login(client, gateway.port(), "ghost", key))
                        .hasMessageContaining(DeviceAuthenticator.REGISTRY_AWAY); // the registry is away now

                await().atMost(Duration.ofSeconds(20)).until(shortRenter::isClosed);
                assertThat(longRenter.isOpen()).as("a rental still running keeps its session").isTrue();
                assertThat(renewedRenter.isOpen()).as("a rental renewed before keeps its session").isTrue();
            } finally {
                unanswered.countDown();
                client.stop();
            }
        }
    }

    private static ClientSession renterSession(SshClient client, int port, String login, String password)
            throws IOException {
        ClientSession session = client.connect(login, OpenSsh.LOOPBACK, port).verify(Duration.ofSeconds(10))
                .getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    /**
     * A device "live" logged in with its tunnel up, carrying renters to an echo service, on a gateway whose registry
     * can be held: look-ups then wait until it answers again (or the gateway's answer wait marks it away).
     */
    private static final class LiveTunnel implements AutoCloseable {

        final TestKey key;
        final TestGateway gateway;
        private final int tunnelPort = OpenSsh.freePort();
        private final CountDownLatch unanswered = new CountDownLatch(1);
        private final LoopbackService echoService = LoopbackService.echo();
        private final SshClient client = MinaDevice.client();

        LiveTunnel(Path dir, Map<String, Object> overrides, Duration registryAnswerWait) throws Exception {
            key = TestKey.generate(dir, "device");
            gateway = new TestGateway(dir, overrides, registryAnswerWait, Duration.ofMillis(200));
            gateway.devices.register("live", key, tunnelPort);
            ClientSession device = login("live");
            device.startRemotePortForwarding(new SshdSocketAddress("localhost", tunnelPort),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, echoService.port()));
            OpenSsh.awaitListening(tunnelPort);
        }

        /** Every registry look-up waits from now on, as on a dead database. */
        void holdRegistry() {
            gateway.devices.unanswered = unanswered;
        }

        void answerRegistry() {
            unanswered.countDown();
        }

        ClientSession login(String deviceId) throws IOException {
            return MinaDevice.login(client, gateway.port(), deviceId, key);
        }

        /** @return a renter's session for a rental of "live" that lasts an hour */
        ClientSession renter(String rentalId, String login) throws Exception {
            gateway.renters.rent(rentalId, "live", login, "pw-" + login, null, Instant.now().plusSeconds(3600));
            return renterSession(client, gateway.port(), login, "pw-" + login);
        }

        static ChannelDirectTcpip jump(ClientSession renter) throws IOException {
            return renter.createDirectTcpipChannel(null, new SshdSocketAddress("live", 22));
        }

        /** @return what the tunnel's echo sent back for {@code text}, read with a timeout far above the gateway's wait */
        String echo(String text) throws IOException {
            try (Socket socket = new Socket(OpenSsh.LOOPBACK, tunnelPort)) {
                socket.setSoTimeout(10_000);
                byte[] sent = text.getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream().write(sent);
                InputStream in = socket.getInputStream();
                byte[] back = in.readNBytes(sent.length);
                return new String(back, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws Exception {
            answerRegistry();
            client.stop();
            echoService.close();
            gateway.close();
        }
    }
}
