package org.p2pvps.sshgateway.internal.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator (RFC 8439): the accumulator in two 64-bit limbs and a few bits above
 * them, the key in two limbs of at most 60 bits (what clamping leaves), so a 16-byte block costs four 64x64
 * to 128-bit products ({@link Math#multiplyHigh}, a JIT intrinsic) and two plain multiplications, against
 * 25 with 26-bit limbs. Carries are computed with bit operations, never branches, so the time does not
 * depend on the data or key. Keyed afresh for every message with {@link #init}; messages may arrive in
 * pieces of any size. Not thread-safe.
 */
final class Poly1305 {

    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    private static final int BLOCK_BYTES = 16;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long r0;
    private long r1;
    private long pad0;
    private long pad1;
    /** The accumulator: h0 + 2^64 h1 + 2^128 h2, partly reduced (h2 stays below 8). */
    private long h0;
    private long h1;
    private long h2;
    private final byte[] partial = new byte[BLOCK_BYTES];
    private int partialLength;
    private final byte[] computed = new byte[TAG_BYTES];

    /** Keys the authenticator with 32 bytes from {@code offset}. */
    void init(byte[] key, int offset) {
        init((long) LONG_LE.get(key, offset), (long) LONG_LE.get(key, offset + 8),
                (long) LONG_LE.get(key, offset + 16), (long) LONG_LE.get(key, offset + 24));
    }

    /** Keys the authenticator with the key's four little-endian longs: r (clamped here), then s. */
    void init(long rLow, long rHigh, long sLow, long sHigh) {
        r0 = rLow & 0x0fff_fffc_0fff_ffffL;
        r1 = rHigh & 0x0fff_fffc_0fff_fffcL;
        pad0 = sLow;
        pad1 = sHigh;
        h0 = 0;
        h1 = 0;
        h2 = 0;
        partialLength = 0;
    }

    void update(byte[] data, int offset, int length) {
        int position = offset;
        int remaining = length;
        if (partialLength > 0) {
            int take = Math.min(BLOCK_BYTES - partialLength, remaining);
            System.arraycopy(data, position, partial, partialLength, take);
            partialLength += take;
            position += take;
            remaining -= take;
            if (partialLength < BLOCK_BYTES) {
                return;
            }
            blocks(partial, 0, BLOCK_BYTES, 1);
            partialLength = 0;
        }
        int whole = remaining & -BLOCK_BYTES;
        if (whole > 0) {
            blocks(data, position, whole, 1);
        }
        if (remaining > whole) {
            partialLength = remaining - whole;
            System.arraycopy(data, position + whole, partial, 0, partialLength);
        }
    }

    /** Writes the tag of everything given since {@link #init} to {@code out} at {@code offset}. */
    void finish(byte[] out, int offset) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            for (int i = partialLength + 1; i < BLOCK_BYTES; i++) {
                partial[i] = 0;
            }
            blocks(partial, 0, BLOCK_BYTES, 0);
            partialLength = 0;
        }
        // h mod p: h is below 2p, so h - p = h + 5 - 2^130 replaces h exactly when h + 5 reaches 2^130
        long g0 = h0 + 5;
        long g1 = h1 + carry(h0, 5, g0);
        long g2 = h2 + carry(h1, 0, g1);
        long takeG = -(g2 >>> 2);
        long f0 = (h0 & ~takeG) | (g0 & takeG);
        long f1 = (h1 & ~takeG) | (g1 & takeG);
        long tagLow = f0 + pad0;
        long tagHigh = f1 + pad1 + carry(f0, pad0, tagLow);
        LONG_LE.set(out, offset, tagLow);
        LONG_LE.set(out, offset + 8, tagHigh);
    }

    /** Finishes and compares with the tag at {@code offset}, in time independent of where they differ. */
    boolean verify(byte[] tag, int offset) {
        finish(computed, 0);
        int difference = 0;
        for (int i = 0; i < TAG_BYTES; i++) {
            difference |= computed[i] ^ tag[offset + i];
        }
        return difference == 0;
    }

    /** h = (h + block + 2^128 padBit) r, partly reduced modulo 2^130 - 5, for each 16-byte block. */
    private void blocks(byte[] data, int offset, int length, long padBit) {
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        long k0 = r0;
        long k1 = r1;
        // 2^130 = 5 mod p, and k1 is a multiple of 4: a term 2^128 k1 folds down as 5 k1 / 4
        long k1Folded = k1 + (k1 >>> 2);
        int end = offset + length;
        for (int at = offset; at < end; at += BLOCK_BYTES) {
            long m0 = (long) LONG_LE.get(data, at);
            long m1 = (long) LONG_LE.get(data, at + 8);
            long s0 = a0 + m0;
            long c0 = carry(a0, m0, s0);
            long t1 = a1 + m1;
            long s1 = t1 + c0;
            a2 += carry(a1, m1, t1) + carry(t1, c0, s1) + padBit;

            // (s0 + 2^64 s1 + 2^128 a2)(k0 + 2^64 k1), the 2^128 terms folded: d0 + 2^64 d1 + 2^128 d2
            long p00Low = s0 * k0;
            long p00High = multiplyHighUnsigned(s0, k0);
            long p11Low = s1 * k1Folded;
            long p11High = multiplyHighUnsigned(s1, k1Folded);
            long p01Low = s0 * k1;
            long p01High = multiplyHighUnsigned(s0, k1);
            long p10Low = s1 * k0;
            long p10High = multiplyHighUnsigned(s1, k0);
            long p2Low = a2 * k1Folded; // a2 < 8, so these two stay within 64 bits
            long d2 = a2 * k0;

            long d0Low = p00Low + p11Low;
            long d0High = p00High + p11High + carry(p00Low, p11Low, d0Low);
            long e1 = p01Low + p10Low;
            long e1High = p01High + p10High + carry(p01Low, p10Low, e1);
            long f1 = e1 + p2Low;
            long f1High = e1High + carry(e1, p2Low, f1);
            long d1Low = f1 + d0High;
            long d1High = f1High + carry(f1, d0High, d1Low);
            d2 += d1High;

            // everything from 2^130 up folds down times 5: (d2 >> 2) * 5 = (d2 & ~3) + (d2 >> 2)
            long fold = (d2 & ~3L) + (d2 >>> 2);
            a0 = d0Low + fold;
            long c = carry(d0Low, fold, a0);
            a1 = d1Low + c;
            a2 = (d2 & 3) + carry(d1Low, c, a1);
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
    }

    /** The high 64 bits of the unsigned product of any {@code a} and a {@code b} below 2^63. */
    private static long multiplyHighUnsigned(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }

    /** 1 if {@code sum = a + b} wrapped past 2^64, else 0; without a branch. */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }
}
