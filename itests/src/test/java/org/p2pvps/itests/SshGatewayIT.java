package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.p2pvps.device.DeviceService;
import org.p2pvps.gateway.SshGateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SSH gateway in the server distribution: a device made of OpenSSH's {@code ssh -N -R} (run from inside
 * the container, as an owner would run it; chacha20-poly1305, on the OS's OpenSSL) holds its tunnel; renters'
 * bytes go through it; the registry
 * shows the tunnel; and the gateway feature uninstalls and reinstalls while the registry keeps serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SshGatewayIT {

    @Inject
    private BundleContext context;

    // registered once Karaf has installed the boot features (and done the refreshes that come with them)
    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory shellSessions;

    // waits (Pax Exam's service timeout) until the registry and the gateway have started
    @Inject
    private DeviceService devices;

    @Inject
    private SshGateway gateway;

    private Path dir;
    private ServerSocket echo;
    private final ExecutorService echoThreads = Executors.newCachedThreadPool();
    private Process device;

    @Configuration
    public Option[] config() {
        return ServerDistribution.options();
    }

    @Before
    public void echoServer() throws IOException {
        dir = Files.createTempDirectory("p2pvps-itest-device");
        // the device's "service": an echo server on loopback, reached only through the tunnel
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThreads.execute(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    echoThreads.execute(() -> echoBack(socket));
                } catch (IOException e) {
                    return; // closed by the test
                }
            }
        });
    }

    @After
    public void stop() throws Exception {
        if (device != null) {
            device.destroyForcibly().waitFor();
        }
        echo.close();
        echoThreads.shutdownNow();
        echoThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    public void aDeviceHoldsItsTunnelAndTheGatewayReinstallsWhileTheRegistryServes() throws Exception {
        int gatewayPort = Integer.getInteger(ServerDistribution.GATEWAY_PORT_PROPERTY);
        assertEquals(gatewayPort, gateway.port());
        String fingerprint = gateway.hostKeyFingerprint();
        assertTrue(fingerprint, fingerprint.startsWith("SHA256:"));
        assertEquals(Bundle.ACTIVE, bundle("p2pvps-ssh-gateway").getState());

        Api api = new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
        String ownerToken = api.newOwnerSession("gateway-" + UUID.randomUUID() + "@example.org");
        Path key = dir.resolve("device_key");
        RegisteredDevice registered = registerDevice(api, ownerToken, key);
        String deviceId = registered.id();
        int tunnelPort = registered.tunnelPort();
        assertEquals("the device learns the host key to pin", fingerprint,
                registered.answer().get("gateway").get("hostKeyFingerprint").asText());
        assertEquals("health shows the gateway's host key", fingerprint,
                api.get("/health", null).json().get("gateway").get("hostKeyFingerprint").asText());

        device = connectDevice(gatewayPort, key, deviceId, tunnelPort);
        Await.until("echo through the tunnel", () -> echoThrough(tunnelPort), "ping"::equals);
        Await.until("tunnelConnected in the device JSON", () -> api.get("/devices/" + deviceId, ownerToken).json(),
                json -> json.get("tunnelConnected").asBoolean() && json.get("online").asBoolean());
        Shell shell = new Shell(shellSessions);
        String listed = shell.run("p2pvps:tunnel-list");
        assertTrue(listed, listed.contains(deviceId) && listed.contains(String.valueOf(tunnelPort)));
        String status = shell.run("p2pvps:status");
        assertTrue(status, status.matches("(?s).*port " + gatewayPort + ", [1-9][0-9]* tunnels? up, host key "
                + java.util.regex.Pattern.quote(fingerprint) + ".*"));

        // the gateway's start line (INFO; the log is at WARN here) says what its chacha20-poly1305 runs on
        shell.run("log:set INFO org.p2pvps.sshgateway.internal.cipher");

        // no refresh: this test's probe bundle is wired to packages the features share
        var keepWiring = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        FeaturesService features = context.getService(context.getServiceReference(FeaturesService.class));
        features.uninstallFeature("p2pvps-ssh-gateway", keepWiring);
        try {
            assertEquals("gateway bundle gone", null, bundle("p2pvps-ssh-gateway"));
            assertEquals("registry still serving", 200, api.get("/health", null).status());
            String statusWithout = shell.run("p2pvps:status");
            assertTrue(statusWithout, statusWithout.contains("not running (feature:install p2pvps-ssh-gateway"));
            assertFalse("tunnel port released", listening(tunnelPort));
            Await.until("tunnel reported down", () -> api.get("/devices/" + deviceId, ownerToken).json(),
                    json -> !json.get("tunnelConnected").asBoolean());
        } finally {
            features.installFeature("p2pvps-ssh-gateway", keepWiring);
        }
        Await.until("gateway listening again", () -> listening(gatewayPort), Boolean.TRUE::equals);
        // the device's chacha20-poly1305 (connectDevice asks for it) on the OS's OpenSSL, through JNA's bundle
        String started = shell.run("log:display --no-color -l INFO -n 1000");
        assertTrue(started, started.contains("chacha20-poly1305@openssh.com runs on OpenSSL 3"));
        assertFalse(started, started.contains("OpenSSL is not usable"));
        ServiceReference<SshGateway> again = context.getServiceReference(SshGateway.class);
        assertNotNull("SshGateway service back", again);
        assertEquals("same host key after reinstall", fingerprint,
                again.getProperty(SshGateway.HOST_KEY_FINGERPRINT));

        device.destroyForcibly().waitFor(); // a governor (or autossh) reconnects; here the test does
        device = connectDevice(gatewayPort, key, deviceId, tunnelPort);
        Await.until("echo through the tunnel again", () -> echoThrough(tunnelPort), "ping"::equals);
        assertEquals(200, api.get("/health", null).status());
    }

    @Test
    public void aBadGatewaySettingIsRefusedWhileTheTunnelKeepsCarryingRenters() throws Exception {
        int gatewayPort = Integer.getInteger(ServerDistribution.GATEWAY_PORT_PROPERTY);
        Api api = new Api(Integer.getInteger(ServerDistribution.HTTP_PORT_PROPERTY));
        Path key = dir.resolve("settings_device_key");
        RegisteredDevice registered = registerDevice(api,
                api.newOwnerSession("settings-" + UUID.randomUUID() + "@example.org"), key);
        int tunnelPort = registered.tunnelPort();
        device = connectDevice(gatewayPort, key, registered.id(), tunnelPort);
        Await.until("echo through the tunnel", () -> echoThrough(tunnelPort), "ping"::equals);
        Object gatewayId = gatewayServiceId();

        Configurations configurations = new Configurations(context);
        Dictionary<String, Object> settings = configurations.current("org.p2pvps.sshgateway");
        try {
            configurations.update("org.p2pvps.sshgateway", Configurations.with(settings, "listen.port", "22x"));
            configurations.update("org.p2pvps.sshgateway", Configurations.with(settings, "max.sessions.per.device", "0"));

            assertEquals("the same gateway runs", gatewayId, gatewayServiceId());
            assertEquals("the tunnel still carries renters", "ping", echoThrough(tunnelPort));

            // the changes above did arrive: a valid one restarts the gateway with it
            configurations.update("org.p2pvps.sshgateway", Configurations.with(settings, "keep.alive.seconds", "20"));
            assertNotEquals("a valid change restarts the gateway", gatewayId, gatewayServiceId());
        } finally {
            configurations.update("org.p2pvps.sshgateway", settings);
        }
    }

    private Object gatewayServiceId() {
        ServiceReference<SshGateway> running = context.getServiceReference(SshGateway.class);
        return running == null ? null : running.getProperty(Constants.SERVICE_ID);
    }

    /** A device registered by the test, and the registration answer it got. */
    private record RegisteredDevice(String id, int tunnelPort, JsonNode answer) {
    }

    /** Creates a device for the owner and registers it with a new key written to {@code key}. */
    private RegisteredDevice registerDevice(Api api, String ownerToken, Path key) throws Exception {
        Api.Reply created = api.post("/devices", ownerToken,
                "{\"name\":\"tunnel-pi\",\"currency\":\"EUR\",\"pricing\":{\"HOUR\":50}}");
        assertEquals(created.body(), 201, created.status());
        String deviceId = created.json().get("id").asText();
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String publicKey = Files.readString(Path.of(key + ".pub")).trim();
        Api.Reply registered = api.post("/devices/" + deviceId + "/registration", null,
                "{\"registrationToken\":\"" + created.json().get("registrationToken").asText() + "\",\"publicKey\":\""
                        + publicKey + "\",\"hardware\":{\"cpuModel\":\"x\",\"cores\":2,\"memoryMb\":2048,"
                        + "\"diskMb\":20000,\"arch\":\"amd64\"}}");
        assertEquals(registered.body(), 200, registered.status());
        return new RegisteredDevice(deviceId, registered.json().get("tunnelPort").asInt(), registered.json());
    }

    private Process connectDevice(int gatewayPort, Path key, String deviceId, int tunnelPort) throws IOException {
        List<String> ssh = List.of("ssh", "-N", "-c", "chacha20-poly1305@openssh.com", "-p", String.valueOf(gatewayPort),
                "-i", key.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ExitOnForwardFailure=yes", "-o", "IdentitiesOnly=yes", "-F", "/dev/null",
                "-R", tunnelPort + ":127.0.0.1:" + echo.getLocalPort(), deviceId + "@127.0.0.1");
        return new ProcessBuilder(ssh).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ssh-" + System.nanoTime() + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + ": " + output, 0, process.waitFor());
    }

    private static String echoThrough(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(4);
            return new String(reply, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void echoBack(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the renter hung up
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElse(null);
    }
}
