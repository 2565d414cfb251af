package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a renter sends through the tunnel port is built into SSH packets in the connection's own read buffer
 * (see {@code EventLoops}); the bytes still arrive intact and in order, with aes128-gcm,
 * while the device re-keys every MB (the gateway queues those packets during each key exchange), and to a device
 * whose channel window and packet size are smaller than one read (reads are split and wait for window
 * adjustments; Apache SSHD's device side closes a channel whose peer oversteps either).
 */
class RenterPacketTest {

    private static final int BYTES = 12 * 1024 * 1024;
    private static final long REKEY_BYTES = 1024 * 1024;
    private static final String CIPHER = "aes128-gcm@openssh.com";

    @TempDir
    static Path dir;
    static TestKey deviceKey;

    TestGateway gateway;
    LoopbackService echo;
    int tunnelPort;

    @BeforeAll
    static void key() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "packet-device");
    }

    @BeforeEach
    void gatewayAndEcho() throws Exception {
        gateway = new TestGateway(dir);
        echo = LoopbackService.echo();
        tunnelPort = OpenSsh.freePort();
        gateway.devices.register("dev-packet", deviceKey, tunnelPort);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        echo.close();
    }

    @Test
    void openSshDeviceGetsEveryByteAcrossReKeys() throws Exception {
        Path log = dir.resolve("ssh-aes-gcm-rekeys.log");
        Process device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "dev-packet",
                "-N", "-c", CIPHER, "-o", "RekeyLimit=1M", "-v", "-E", log.toString(),
                "-R", tunnelPort + ":" + OpenSsh.LOOPBACK + ":" + echo.port()));
        try {
            OpenSsh.awaitListening(tunnelPort);
            assertEchoedIntact();
        } finally {
            device.destroyForcibly().waitFor();
        }
        String sshLog = Files.readString(log);
        assertThat(sshLog).contains("kex: server->client cipher: " + CIPHER);
        assertThat(sshLog.split("SSH2_MSG_NEWKEYS received", -1).length - 1).isGreaterThanOrEqualTo(5);
    }

    @Test
    void minaDeviceWithASmallWindowAndPacketGetsEveryByteAcrossReKeys() throws Exception {
        AtomicInteger keyExchanges = new AtomicInteger();
        try (SshClient client = MinaDevice.client()) {
            client.setCipherFactories(List.of(BuiltinCiphers.aes128gcm));
            CoreModuleProperties.WINDOW_SIZE.set(client, 64L * 1024); // two reads' worth
            CoreModuleProperties.MAX_PACKET_SIZE.set(client, 8L * 1024); // a quarter of a read
            CoreModuleProperties.REKEY_BYTES_LIMIT.set(client, REKEY_BYTES);
            client.addSessionListener(new SessionListener() {
                @Override
                public void sessionEvent(Session session, Event event) {
                    if (event == Event.KeyEstablished) {
                        keyExchanges.incrementAndGet();
                    }
                }
            });
            try (ClientSession session = MinaDevice.login(client, gateway.port(), "dev-packet", deviceKey)) {
                session.startRemotePortForwarding(new SshdSocketAddress("localhost", tunnelPort),
                        new SshdSocketAddress(OpenSsh.LOOPBACK, echo.port()));
                assertEchoedIntact();
            }
        }
        assertThat(keyExchanges.get()).as("key exchanges, the first one included").isGreaterThanOrEqualTo(5);
    }

    /** A renter sends {@link #BYTES} seeded bytes and half-closes; the echo's reply is the same bytes. */
    private void assertEchoedIntact() throws Exception {
        byte[] sent = new byte[BYTES];
        new Random(7).nextBytes(sent);
        byte[] received = HalfClosingRenter.exchange(tunnelPort, sent);
        assertThat(received.length).as("bytes echoed").isEqualTo(BYTES);
        assertThat(Arrays.equals(received, sent)).as("echoed bytes equal the sent ones, in order").isTrue();
    }
}
