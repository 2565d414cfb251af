package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.apache.sshd.common.mac.Poly1305Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Poly1305 against RFC 8439's test vectors (including the reduction edge cases) and Apache SSHD's. */
class Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tagMatchesRfc8439Section252() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        assertThat(tag(key, "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    /** RFC 8439 appendix A.3, vectors 1 and 5-11: carries and the final reduction modulo 2^130 - 5. */
    @ParameterizedTest
    @CsvSource({
        "00000000000000000000000000000000, 00000000000000000000000000000000, "
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000, "
                + "00000000000000000000000000000000",
        "02000000000000000000000000000000, 00000000000000000000000000000000, ffffffffffffffffffffffffffffffff, "
                + "03000000000000000000000000000000",
        "02000000000000000000000000000000, ffffffffffffffffffffffffffffffff, 02000000000000000000000000000000, "
                + "03000000000000000000000000000000",
        "01000000000000000000000000000000, 00000000000000000000000000000000, "
                + "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff11000000000000000000000000000000, "
                + "05000000000000000000000000000000",
        "01000000000000000000000000000000, 00000000000000000000000000000000, "
                + "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe01010101010101010101010101010101, "
                + "00000000000000000000000000000000",
        "02000000000000000000000000000000, 00000000000000000000000000000000, fdffffffffffffffffffffffffffffff, "
                + "faffffffffffffffffffffffffffffff",
        "01000000000000000400000000000000, 00000000000000000000000000000000, "
                + "e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000000000000000000001000000000000000000000000000000, "
                + "14000000000000005500000000000000",
        "01000000000000000400000000000000, 00000000000000000000000000000000, "
                + "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000, "
                + "13000000000000000000000000000000",
    })
    void edgeCasesMatchRfc8439AppendixA3(String r, String s, String message, String expected) {
        assertThat(tag(HEX.parseHex(r + s), HEX.parseHex(message))).isEqualTo(expected);
    }

    @Test
    void messagesInPiecesOfAnySizeMatchApacheSshd() throws Exception {
        Random random = new Random(1305);
        Poly1305 ours = new Poly1305();
        for (int run = 0; run < 300; run++) {
            byte[] key = new byte[Poly1305.KEY_BYTES];
            random.nextBytes(key);
            byte[] message = new byte[random.nextInt(2000)];
            random.nextBytes(message);

            Poly1305Mac apache = new Poly1305Mac();
            apache.init(key);
            apache.update(message, 0, message.length);
            byte[] expected = apache.doFinal();

            ours.init(key, 0);
            for (int at = 0; at < message.length;) {
                int piece = Math.min(message.length - at, random.nextInt(40));
                ours.update(message, at, piece);
                at += piece;
            }
            byte[] actual = new byte[Poly1305.TAG_BYTES];
            ours.finish(actual, 0);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void verifyAcceptsTheTagAndRejectsAnyFlippedBit() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        byte[] tag = HEX.parseHex("a8061dc1305136c6c22b8baf0c0127a9");
        Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.update(message, 0, message.length);
        assertThat(poly.verify(tag, 0)).isTrue();
        for (int bit = 0; bit < tag.length * 8; bit++) {
            byte[] flipped = tag.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            poly.init(key, 0);
            poly.update(message, 0, message.length);
            assertThat(poly.verify(flipped, 0)).as("bit %d flipped", bit).isFalse();
        }
    }

    private static String tag(byte[] key, byte[] message) {
        Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[Poly1305.TAG_BYTES];
        poly.finish(tag, 0);
        return HEX.formatHex(tag);
    }
}
