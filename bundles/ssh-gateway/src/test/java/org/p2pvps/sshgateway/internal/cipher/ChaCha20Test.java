package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** ChaCha20 against RFC 8439's test vectors and, for any length, against the JDK's implementation. */
class ChaCha20Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void blockFunctionMatchesRfc8439Section232() {
        // nonce 00:00:00:09:00:00:00:4a:00:00:00:00 as state words 13-15, block counter 1
        byte[] block = new byte[64];
        new ChaCha20(KEY, 0).xor(block, 0, block.length, 1, 0x09000000, 0x4a000000, 0);
        assertThat(HEX.formatHex(block)).isEqualTo(
                "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    }

    @Test
    void encryptionMatchesRfc8439Section242() {
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        new ChaCha20(KEY, 0).xor(text, 0, text.length, 1, 0, 0x4a000000, 0);
        assertThat(HEX.formatHex(text)).isEqualTo(
                "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d");
    }

    @Test
    void anyOffsetAndLengthMatchesTheJdk() throws Exception {
        Random random = new Random(8439);
        for (int run = 0; run < 200; run++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            random.nextBytes(key);
            random.nextBytes(nonce);
            int counter = random.nextInt(1000);
            int offset = random.nextInt(17);
            byte[] data = new byte[offset + random.nextInt(3000)];
            random.nextBytes(data);
            int length = data.length - offset;

            Cipher jdk = Cipher.getInstance("ChaCha20");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, counter));
            byte[] expected = jdk.doFinal(data, offset, length);

            new ChaCha20(key, 0).xor(data, offset, length, counter, le(nonce, 0), le(nonce, 4), le(nonce, 8));
            assertThat(java.util.Arrays.copyOfRange(data, offset, data.length)).isEqualTo(expected);
        }
    }

    private static int le(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | bytes[at + 3] << 24;
    }
}
