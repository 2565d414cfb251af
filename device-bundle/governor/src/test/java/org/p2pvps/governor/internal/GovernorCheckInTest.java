package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.internal.localsshd.LocalSshdDriverAccess;

/**
 * The gateway's check-in request makes the governor heartbeat at once, not at its next interval (ten minutes
 * here). The gateway is an Apache SSHD server standing in for ours (bundles/ssh-gateway sends the same request;
 * its CheckInRequestTest covers that side); the REST server is the {@link FakeServer} test double.
 */
class GovernorCheckInTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private SshServer gateway;
    private FakeServer server;
    private ContainerDriver driver;
    private DeviceGovernor governor;

    @BeforeEach
    void setUp() throws Exception {
        gateway = SshServer.setUpDefaultServer();
        gateway.setHost("127.0.0.1");
        gateway.setPort(0);
        gateway.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(tmp.resolve("gateway-host-key")));
        gateway.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        gateway.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        gateway.start();
        String deviceId = "check-in-device";
        Path data = tmp.resolve("data");
        DeviceIdentity.loadOrCreate(data, "p2pvps-device-" + deviceId);
        server = new FakeServer(deviceId, OpenSshGateway.freePort(), "127.0.0.1", gateway.getPort());
        server.desired = "{\"state\":\"AVAILABLE\",\"heartbeatIntervalSeconds\":600,\"serverTime\":\"now\"}";
        driver = LocalSshdDriverAccess.create(OpenSshGateway.freePort(), data.resolve("local-sshd"));
        Files.createDirectories(data);
        GovernorOptions options = GovernorOptions.parse(GovernorOptionsTest.config(Map.of("server.url", server.url(),
                "device.id", deviceId, "registration.token", server.registrationToken, "backoff.initial.millis", 100L,
                "backoff.max.millis", 1000L, "http.timeout.seconds", 5)), data);
        governor = new DeviceGovernor(options, name -> name.equals("local-sshd") ? driver : null, Clock.systemUTC());
        governor.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (governor != null) {
            governor.close();
        }
        driver.reset();
        server.close();
        gateway.stop(true);
    }

    @Test
    void theGatewaysRequestBringsTheNextHeartbeatForward() throws Exception {
        await().atMost(WAIT).until(() -> governor.tunnelState() != null
                && governor.tunnelState().status() == Tunnel.Status.UP && !server.heartbeats.isEmpty());
        int beats = server.heartbeats.size();

        Session device = gateway.getActiveSessions().get(0);
        assertThat(((InetSocketAddress) device.getRemoteAddress()).getAddress().isLoopbackAddress()).isTrue();
        Buffer request = device.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST);
        request.putString(CheckInRequestHandler.NAME);
        request.putBoolean(false);
        device.writePacket(request);

        await().atMost(WAIT).until(() -> server.heartbeats.size() > beats);
    }
}
