package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governor's HTTP calls against the test double of the server's device API, and against servers that fail. */
class ServerApiTest {

    private static final Hardware HARDWARE = new Hardware("Test CPU", 2, 2048, 10_000, "amd64");
    private static final ServerApi.Report IDLE = new ServerApi.Report("UP", "NONE", null, 5, null);

    private FakeServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeServer("dev-1", 42_022, "127.0.0.1", 2222);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ServerApi api(Duration timeout) {
        return new ServerApi(URI.create(server.url() + "/api/v1"), timeout);
    }

    @Test
    void registersThenBeatsWithTheDeviceToken() throws Exception {
        ServerApi api = api(Duration.ofSeconds(10));
        ServerApi.Registration registration = api.register("dev-1", server.registrationToken, "ssh-ed25519 AAAA", HARDWARE);
        assertThat(registration).isEqualTo(new ServerApi.Registration(server.deviceToken, 42_022, "sub-dev-1",
                new GatewayAddress("127.0.0.1", 2222, null)));
        assertThat(server.registrationBodies.get(0)).containsEntry("publicKey", "ssh-ed25519 AAAA");

        DesiredState desired = api.heartbeat("dev-1", registration.deviceToken(), IDLE);
        assertThat(desired.state()).isEqualTo(DesiredState.Kind.AVAILABLE);
        assertThat(desired.gateway()).isEqualTo(new GatewayAddress("127.0.0.1", 2222, null));
        assertThat(server.lastHeartbeat()).containsEntry("tunnel", "UP").containsEntry("container", "NONE");
    }

    @Test
    void anErrorStatusCarriesTheServersMessage() {
        ServerApi api = api(Duration.ofSeconds(10));
        assertThatThrownBy(() -> api.heartbeat("dev-1", "wrong-token", IDLE))
                .isInstanceOfSatisfying(ServerApi.ApiException.class, e -> {
                    assertThat(e.status).isEqualTo(401);
                    assertThat(e.refused()).isTrue();
                    assertThat(e).hasMessage("PUT /devices/dev-1/heartbeat: HTTP 401: Wrong device token.");
                });
    }

    @Test
    void aServerNobodyListensOnIsUnreachable() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ServerApi api = new ServerApi(URI.create("http://127.0.0.1:" + port + "/api/v1"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> api.heartbeat("dev-1", server.deviceToken, IDLE))
                .isInstanceOfSatisfying(ConnectException.class,
                        e -> assertThat(DeviceGovernor.describe(e)).startsWith("cannot reach the server ("));
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerApi api = new ServerApi(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1"),
                    Duration.ofSeconds(1));
            assertThatThrownBy(() -> api.heartbeat("dev-1", server.deviceToken, IDLE))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void aStoppingGovernorSendsNothing() throws IOException {
        ServerApi api = api(Duration.ofSeconds(10));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> api.heartbeat("dev-1", server.deviceToken, IDLE)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(server.heartbeats).isEmpty();
    }

    @Test
    void aStoppingGovernorCutsTheCallItWaitsOnShort() throws Exception {
        ExecutorService governorThread = Executors.newSingleThreadExecutor();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a timeout far beyond the wait below: only the abort can end the call in time
            ServerApi api = new ServerApi(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1"),
                    Duration.ofMinutes(5));
            Future<DesiredState> call = governorThread.submit(() -> api.heartbeat("dev-1", server.deviceToken, IDLE));
            try (Socket accepted = silent.accept()) {
                accepted.getInputStream().read(); // the request is on its way: the call now waits for an answer
                governorThread.shutdownNow();
                api.abort();
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(InterruptedException.class);
            }
        } finally {
            governorThread.shutdownNow();
            governorThread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
