package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renter that shuts down its sending side (a TCP half-close: {@code nc -N}, HTTP/1.0 clients, a pipe whose
 * input ended) still gets everything the device's service sends back after it read that end: the half-close
 * travels as SSH_MSG_CHANNEL_EOF (RFC 4254 §5.3) and the other direction keeps flowing until the device closes.
 * The same the other way round: a device service that half-closed still gets what the renter sends after that.
 */
class HalfCloseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REQUEST_BYTES = 256 * 1024;
    private static final int REPLY_BYTES = 4 * 1024 * 1024;
    private static final int READ_GUARD_MILLIS = 60_000;

    @TempDir
    static Path dir;
    static TestKey deviceKey;

    TestGateway gateway;
    LoopbackService service;
    int tunnelPort;
    Process device;
    final CompletableFuture<byte[]> deviceReceived = new CompletableFuture<>();

    @BeforeAll
    static void key() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "half-close-device");
    }

    @BeforeEach
    void gatewayAndService() throws Exception {
        gateway = new TestGateway(dir);
        service = replyAfterEof();
        tunnelPort = OpenSsh.freePort();
        gateway.devices.register("dev-half", deviceKey, tunnelPort);
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.destroyForcibly().waitFor();
        }
        gateway.close();
        service.close();
    }

    @Test
    void openSshDeviceRepliesInFullToARenterThatHalfClosed() throws Exception {
        startOpenSshDevice();
        assertRenterSocketGetsTheWholeReply();
    }

    @Test
    void minaClientDeviceRepliesInFullToARenterThatHalfClosed() throws Exception {
        try (SshClient client = MinaDevice.client();
                ClientSession session = MinaDevice.login(client, gateway.port(), "dev-half", deviceKey)) {
            session.startRemotePortForwarding(new SshdSocketAddress("localhost", tunnelPort),
                    new SshdSocketAddress(OpenSsh.LOOPBACK, service.port()));
            assertRenterSocketGetsTheWholeReply();
        }
    }

    @Test
    void aJumpingRenterThatSentEofGetsTheWholeReply() throws Exception {
        startOpenSshDevice();
        gateway.renters.rent("rental-half", "dev-half", "rhalf001", "a-renter-password-24chars", null);
        byte[] request = bytes(1, REQUEST_BYTES);
        try (SshClient client = MinaDevice.client();
                ClientSession renter = client.connect("rhalf001", OpenSsh.LOOPBACK, gateway.port())
                        .verify(TIMEOUT).getSession()) {
            renter.addPasswordIdentity("a-renter-password-24chars");
            renter.auth().verify(TIMEOUT);
            try (ChannelDirectTcpip channel = renter.createDirectTcpipChannel(null,
                    new SshdSocketAddress("sub-dev-half", 22))) {
                channel.open().verify(TIMEOUT);
                try (OutputStream out = channel.getInvertedIn()) {
                    out.write(request); // closing it sends SSH_MSG_CHANNEL_EOF, the channel stays open
                }
                assertWholeReply(channel.getInvertedOut().readAllBytes(), request);
            }
        }
    }

    @Test
    void aDeviceThatShutItsSendingSideStillGetsTheRenterRequest() throws Exception {
        try (LoopbackService greetThenListen = greetThenListen()) {
            startOpenSshDevice(greetThenListen.port());
            assertDeviceGetsTheWholeRequestAfterItsEof();
        }
    }

    /** The renter reads the device's greeting up to its end of stream, then sends its request. */
    private void assertDeviceGetsTheWholeRequestAfterItsEof() throws Exception {
        byte[] request = bytes(1, REQUEST_BYTES);
        try (Socket renter = new Socket(OpenSsh.LOOPBACK, tunnelPort)) {
            renter.setSoTimeout(READ_GUARD_MILLIS);
            assertThat(Arrays.equals(renter.getInputStream().readAllBytes(), bytes(3, REPLY_BYTES)))
                    .as("the device's whole greeting, then its end of stream").isTrue();
            renter.getOutputStream().write(request);
            renter.shutdownOutput();
            assertThat(deviceReceived.get(READ_GUARD_MILLIS, TimeUnit.MILLISECONDS))
                    .as("SHA-256 of what the device read until the renter's end of stream")
                    .isEqualTo(sha256().digest(request));
        }
    }

    /**
     * A device-side service that sends a greeting and shuts down its sending side at once (a TCP half-close), then
     * reads until its peer's end of stream and records the SHA-256 of what it read (a connection that sent
     * nothing is the test's own probe whether the tunnel port listens, not the renter's request).
     */
    private LoopbackService greetThenListen() throws IOException {
        return new LoopbackService("greet-then-listen", connection -> {
            connection.getOutputStream().write(bytes(3, REPLY_BYTES));
            connection.shutdownOutput();
            byte[] request = connection.getInputStream().readAllBytes();
            if (request.length > 0) {
                deviceReceived.complete(sha256().digest(request));
            }
        });
    }

    private void startOpenSshDevice() throws Exception {
        startOpenSshDevice(service.port());
    }

    private void startOpenSshDevice(int servicePort) throws Exception {
        device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "dev-half",
                "-N", "-R", tunnelPort + ":" + OpenSsh.LOOPBACK + ":" + servicePort));
        OpenSsh.awaitListening(tunnelPort);
    }

    private void assertRenterSocketGetsTheWholeReply() throws Exception {
        byte[] request = bytes(1, REQUEST_BYTES);
        try (Socket renter = new Socket(OpenSsh.LOOPBACK, tunnelPort)) {
            renter.setSoTimeout(READ_GUARD_MILLIS); // a lost EOF fails the test rather than hanging it
            renter.getOutputStream().write(request);
            renter.shutdownOutput();
            assertWholeReply(renter.getInputStream().readAllBytes(), request);
        }
    }

    private static void assertWholeReply(byte[] reply, byte[] request) {
        assertThat(reply.length).as("reply bytes").isEqualTo(sha256().getDigestLength() + REPLY_BYTES);
        assertThat(Arrays.equals(reply, replyTo(request)))
                .as("reply is the request's SHA-256 and then the seeded bytes").isTrue();
    }

    private static byte[] bytes(long seed, int count) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * The device's service: reads a connection until its peer's end of stream, then answers with the SHA-256 of
     * what it read followed by {@link #REPLY_BYTES} seeded bytes, and closes.
     */
    private static LoopbackService replyAfterEof() throws IOException {
        return new LoopbackService("reply-after-eof",
                connection -> connection.getOutputStream().write(replyTo(connection.getInputStream().readAllBytes())));
    }

    private static byte[] replyTo(byte[] request) {
        byte[] digest = sha256().digest(request);
        byte[] reply = Arrays.copyOf(digest, digest.length + REPLY_BYTES);
        System.arraycopy(bytes(2, REPLY_BYTES), 0, reply, digest.length, REPLY_BYTES);
        return reply;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
