package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305;
import org.p2pvps.sshgateway.internal.cipher.OpenSslChaCha20Poly1305;

/**
 * Our chacha20-poly1305@openssh.com, on OpenSSL and in Java ({@code chacha20.openssl}), with the real OpenSSH
 * client as the device: a renter's bytes go through the gateway to the device's service and back intact, in both
 * directions (the renter half-closes after sending), across several re-keys (each one a fresh pair of our
 * ciphers), whether OpenSSH or the gateway asks for them.
 */
class ChaCha20TunnelTest {

    private static final int BYTES = 12 * 1024 * 1024;

    @TempDir
    static Path dir;
    static TestKey deviceKey;

    @BeforeAll
    static void key() throws Exception {
        OpenSsh.ensureInstalled();
        deviceKey = TestKey.generate(dir, "device");
    }

    @ParameterizedTest(name = "on OpenSSL: {0}, {1} re-keys every MB")
    @CsvSource({"true, OpenSSH", "true, the gateway", "false, OpenSSH", "false, the gateway"})
    void renterBytesArriveIntactAcrossReKeys(boolean openSsl, String rekeying) throws Exception {
        boolean gatewayRekeys = rekeying.equals("the gateway");
        Path log = dir.resolve("ssh-" + (gatewayRekeys ? "gateway" : "client") + "-rekeys.log");
        Process device = null;
        try (TestGateway gateway = new TestGateway(dir, Map.of("chacha20.openssl", openSsl,
                "rekey.limit.megabytes", gatewayRekeys ? 1 : 1024));
                LoopbackService echo = LoopbackService.echo()) {
            int tunnelPort = OpenSsh.freePort();
            gateway.devices.register("dev-chacha", deviceKey, tunnelPort);
            List<String> options = new ArrayList<>(List.of("-N", "-c", "chacha20-poly1305@openssh.com", "-v",
                    "-E", log.toString(), "-R", tunnelPort + ":" + OpenSsh.LOOPBACK + ":" + echo.port()));
            if (!gatewayRekeys) {
                options.addAll(List.of("-o", "RekeyLimit=1M"));
            }
            device = OpenSsh.start(dir, OpenSsh.deviceCommand(gateway.port(), deviceKey, "dev-chacha",
                    options.toArray(String[]::new)));
            try {
                OpenSsh.awaitListening(tunnelPort);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no tunnel; the device's ssh log:\n" + Files.readString(log), e);
            }

            byte[] sent = new byte[BYTES];
            new Random(42).nextBytes(sent);
            // the renter half-closes after sending; the echo's reply still arrives in full, then its end
            byte[] received = HalfClosingRenter.exchange(tunnelPort, sent);
            assertThat(received.length).isEqualTo(BYTES);
            assertThat(HexFormat.of().formatHex(sha256(received))).isEqualTo(HexFormat.of().formatHex(sha256(sent)));
            assertThat(gateway.gateway.ciphersOf("dev-chacha")).hasSize(2).allSatisfy(cipher -> assertThat(cipher)
                    .isInstanceOf(openSsl ? OpenSslChaCha20Poly1305.class : ChaCha20Poly1305.class));
        } finally {
            if (device != null) {
                device.destroyForcibly().waitFor();
            }
        }
        String sshLog = Files.readString(log);
        assertThat(sshLog).contains("kex: server->client cipher: chacha20-poly1305@openssh.com")
                .contains("kex: client->server cipher: chacha20-poly1305@openssh.com");
        // 12 MB each way with a re-key per MB: many more than the first key exchange
        assertThat(sshLog.split("SSH2_MSG_NEWKEYS received", -1).length - 1).isGreaterThanOrEqualTo(5);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
