package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API ChaCha20 gives the scalar one's keystream (itself checked against RFC 8439 and the JDK) for
 * any offset and length, whole steps or not, and for counters that cross a step, 2^31 or near 2^32. Runs where
 * the build's JVM has the module (surefire adds it) and 512-bit vectors.
 */
class VectorChaCha20Test {

    private final Random random = new Random(512);

    @BeforeEach
    void needsTheVectorApi() {
        assumeTrue(PayloadKeyStream.vectorUsable(), "no jdk.incubator.vector or no 512-bit vectors on this JVM");
    }

    @Test
    void encryptionMatchesRfc8439Section242ForTheWholeSteps() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] text = new byte[3 * VectorChaCha20.STEP_BYTES];
        byte[] expected = text.clone();
        new ChaCha20(key, 0).xor(expected, 0, expected.length, 1, 0, 0x4a000000, 0);
        int done = new VectorChaCha20(key, 0).xor(text, 0, text.length, 1, 0, 0x4a000000, 0);
        assertThat(done).isEqualTo(text.length);
        assertThat(text).isEqualTo(expected);
    }

    @Test
    void anyOffsetLengthAndCounterMatchTheScalarCipher() {
        List<Integer> counters = List.of(0, 1, 3, 0x7fff_fffe, 0xffff_ff00, random.nextInt());
        for (int run = 0; run < 300; run++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            int counter = counters.get(run % counters.size());
            int word13 = random.nextInt();
            int word14 = random.nextInt();
            int word15 = random.nextInt();
            int offset = random.nextInt(19);
            int length = run < 20 ? run * 13 : random.nextInt(run % 3 == 0 ? 40 * VectorChaCha20.STEP_BYTES : 700);
            byte[] data = new byte[offset + length + random.nextInt(9)];
            random.nextBytes(data);
            byte[] expected = data.clone();
            new ChaCha20(key, 0).xor(expected, offset, length, counter, word13, word14, word15);

            int done = new VectorChaCha20(key, 0).xor(data, offset, length, counter, word13, word14, word15);
            assertThat(done).isEqualTo(length - length % VectorChaCha20.STEP_BYTES);
            new ChaCha20(key, 0).xor(data, offset + done, length - done, counter + done / ChaCha20.BLOCK_BYTES,
                    word13, word14, word15);
            assertThat(data).as("run %d: offset %d, length %d, counter %d", run, offset, length, counter)
                    .isEqualTo(expected);
        }
    }

    /**
     * Enough calls for the JIT's optimising compiler to take over, every one checked: a variant of this class
     * that gathered each block's words was right when interpreted and wrong once C2 had compiled it.
     */
    @Test
    void stillRightOnceCompiled() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        VectorChaCha20 vector = new VectorChaCha20(key, 0);
        ChaCha20 scalar = new ChaCha20(key, 0);
        for (int call = 0; call < 30_000; call++) {
            int length = VectorChaCha20.STEP_BYTES * (1 + random.nextInt(4));
            byte[] data = new byte[length];
            byte[] expected = new byte[length];
            int counter = random.nextInt(1 << 20);
            int word15 = random.nextInt();
            scalar.xor(expected, 0, length, counter, 0, 0, word15);
            vector.xor(data, 0, length, counter, 0, 0, word15);
            if (!Arrays.equals(data, expected)) {
                assertThat(data).as("call %d", call).isEqualTo(expected);
            }
        }
    }

    @Test
    void bytesAroundTheRangeAreLeftAlone() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] data = new byte[2 * VectorChaCha20.STEP_BYTES + 10];
        random.nextBytes(data);
        byte[] before = data.clone();
        int done = new VectorChaCha20(key, 0).xor(data, 5, VectorChaCha20.STEP_BYTES + 100, 1, 0, 0, 0);
        assertThat(done).isEqualTo(VectorChaCha20.STEP_BYTES);
        assertThat(Arrays.copyOfRange(data, 0, 5)).isEqualTo(Arrays.copyOfRange(before, 0, 5));
        assertThat(Arrays.copyOfRange(data, 5 + done, data.length)).isEqualTo(Arrays.copyOfRange(before, 5 + done, data.length));
        assertThat(Arrays.copyOfRange(data, 5, 5 + done)).isNotEqualTo(Arrays.copyOfRange(before, 5, 5 + done));
    }
}
