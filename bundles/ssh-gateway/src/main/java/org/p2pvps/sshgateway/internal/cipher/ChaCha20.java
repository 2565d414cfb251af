package org.p2pvps.sshgateway.internal.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The ChaCha20 stream cipher (RFC 8439) for one 256-bit key, XORing its keystream into a buffer in place.
 * Written for speed on Java 17, where the JDK's own ChaCha20 is plain Java too: the 16 state words live in
 * local variables and each whole block's keystream is XORed straight from them into the data, eight bytes at
 * a time, with no keystream array in between; nothing is allocated per call. The caller passes state words 12 to 15 (block counter and nonce) with every call, so
 * one instance serves both the 32-bit-counter/96-bit-nonce layout of RFC 8439 and SSH's original
 * 64-bit/64-bit one. Not thread-safe.
 */
final class ChaCha20 {

    static final int BLOCK_BYTES = 64;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    // "expand 32-byte k" as four little-endian words
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private final int k0;
    private final int k1;
    private final int k2;
    private final int k3;
    private final int k4;
    private final int k5;
    private final int k6;
    private final int k7;
    /** One block of keystream (XORed into zeros) for a partial final block and for key derivation. */
    private final byte[] scratch = new byte[BLOCK_BYTES];

    /** @param key 32 bytes from {@code offset} */
    ChaCha20(byte[] key, int offset) {
        k0 = (int) INT_LE.get(key, offset);
        k1 = (int) INT_LE.get(key, offset + 4);
        k2 = (int) INT_LE.get(key, offset + 8);
        k3 = (int) INT_LE.get(key, offset + 12);
        k4 = (int) INT_LE.get(key, offset + 16);
        k5 = (int) INT_LE.get(key, offset + 20);
        k6 = (int) INT_LE.get(key, offset + 24);
        k7 = (int) INT_LE.get(key, offset + 28);
    }

    /**
     * XORs the keystream into {@code length} bytes of {@code data} from {@code offset}, starting at block
     * {@code counter} (state word 12, incremented per block; callers keep it from wrapping).
     */
    void xor(byte[] data, int offset, int length, int counter, int word13, int word14, int word15) {
        int position = offset;
        int end = offset + (length & -BLOCK_BYTES);
        int block = counter;
        for (; position < end; position += BLOCK_BYTES) {
            xorBlock(data, position, block++, word13, word14, word15);
        }
        int rest = offset + length - end;
        if (rest > 0) {
            byte[] stream = block(block, word13, word14, word15);
            for (int i = 0; i < rest; i++) {
                data[position + i] ^= stream[i];
            }
        }
    }

    /**
     * Computes one block of keystream, valid until the next call (SSH takes the Poly1305 key from block 0).
     */
    byte[] block(int counter, int word13, int word14, int word15) {
        Arrays.fill(scratch, (byte) 0);
        xorBlock(scratch, 0, counter, word13, word14, word15);
        return scratch;
    }

    /** XORs one block of keystream into {@code data} at {@code at}, straight from the state words. */
    private void xorBlock(byte[] data, int at, int counter, int word13, int word14, int word15) {
        int x0 = C0;
        int x1 = C1;
        int x2 = C2;
        int x3 = C3;
        int x4 = k0;
        int x5 = k1;
        int x6 = k2;
        int x7 = k3;
        int x8 = k4;
        int x9 = k5;
        int x10 = k6;
        int x11 = k7;
        int x12 = counter;
        int x13 = word13;
        int x14 = word14;
        int x15 = word15;
        for (int round = 0; round < 10; round++) {
            // columns
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // diagonals
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        xorLong(data, at, x0 + C0, x1 + C1);
        xorLong(data, at + 8, x2 + C2, x3 + C3);
        xorLong(data, at + 16, x4 + k0, x5 + k1);
        xorLong(data, at + 24, x6 + k2, x7 + k3);
        xorLong(data, at + 32, x8 + k4, x9 + k5);
        xorLong(data, at + 40, x10 + k6, x11 + k7);
        xorLong(data, at + 48, x12 + counter, x13 + word13);
        xorLong(data, at + 56, x14 + word14, x15 + word15);
    }

    /** XORs the little-endian pair of words {@code low}, {@code high} into the 8 bytes at {@code at}. */
    private static void xorLong(byte[] data, int at, int low, int high) {
        LONG_LE.set(data, at, (long) LONG_LE.get(data, at) ^ ((low & 0xFFFF_FFFFL) | ((long) high << 32)));
    }
}
