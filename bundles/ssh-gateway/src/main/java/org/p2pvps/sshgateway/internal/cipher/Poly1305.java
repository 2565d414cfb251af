package org.p2pvps.sshgateway.internal.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator (RFC 8439): the accumulator and key in five 26-bit limbs held in longs,
 * so a 16-byte block costs 25 plain 64-bit multiplications and no allocation. Keyed afresh for every message
 * with {@link #init}; messages may arrive in pieces of any size. Not thread-safe.
 */
final class Poly1305 {

    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    private static final int BLOCK_BYTES = 16;
    private static final long LIMB = 0x3ff_ffffL;
    private static final long HIGH_BIT = 1L << 24; // 2^128 in the top limb: the pad bit of a full block
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long r0;
    private long r1;
    private long r2;
    private long r3;
    private long r4;
    private long pad0;
    private long pad1;
    private long h0;
    private long h1;
    private long h2;
    private long h3;
    private long h4;
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
        r0 = rLow & 0x3ff_ffffL;
        r1 = (rLow >>> 26) & 0x3ff_ff03L;
        r2 = ((rLow >>> 52) | (rHigh << 12)) & 0x3ff_c0ffL;
        r3 = (rHigh >>> 14) & 0x3f0_3fffL;
        r4 = (rHigh >>> 40) & 0x00f_ffffL;
        pad0 = sLow;
        pad1 = sHigh;
        h0 = 0;
        h1 = 0;
        h2 = 0;
        h3 = 0;
        h4 = 0;
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
            blocks(partial, 0, BLOCK_BYTES, HIGH_BIT);
            partialLength = 0;
        }
        int whole = remaining & -BLOCK_BYTES;
        if (whole > 0) {
            blocks(data, position, whole, HIGH_BIT);
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
        // carry fully, then h mod p: subtract p = 2^130 - 5 when h >= p, without branching on h
        long c;
        c = h1 >>> 26; h1 &= LIMB; h2 += c;
        c = h2 >>> 26; h2 &= LIMB; h3 += c;
        c = h3 >>> 26; h3 &= LIMB; h4 += c;
        c = h4 >>> 26; h4 &= LIMB; h0 += c * 5;
        c = h0 >>> 26; h0 &= LIMB; h1 += c;
        long g0 = h0 + 5;
        c = g0 >>> 26; g0 &= LIMB;
        long g1 = h1 + c;
        c = g1 >>> 26; g1 &= LIMB;
        long g2 = h2 + c;
        c = g2 >>> 26; g2 &= LIMB;
        long g3 = h3 + c;
        c = g3 >>> 26; g3 &= LIMB;
        long g4 = h4 + c - (1L << 26);
        long takeG = (g4 >>> 63) - 1; // all ones when h + 5 reached 2^130, i.e. h >= p
        long f0 = (h0 & ~takeG) | (g0 & takeG);
        long f1 = (h1 & ~takeG) | (g1 & takeG);
        long f2 = (h2 & ~takeG) | (g2 & takeG);
        long f3 = (h3 & ~takeG) | (g3 & takeG);
        long f4 = (h4 & ~takeG) | (g4 & takeG);
        long low = f0 | (f1 << 26) | (f2 << 52);
        long high = (f2 >>> 12) | (f3 << 14) | (f4 << 40);
        long tagLow = low + pad0;
        long tagHigh = high + pad1 + (Long.compareUnsigned(tagLow, low) < 0 ? 1 : 0);
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

    private void blocks(byte[] data, int offset, int length, long highBit) {
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        long a3 = h3;
        long a4 = h4;
        long k0 = r0;
        long k1 = r1;
        long k2 = r2;
        long k3 = r3;
        long k4 = r4;
        long s1 = k1 * 5;
        long s2 = k2 * 5;
        long s3 = k3 * 5;
        long s4 = k4 * 5;
        int end = offset + length;
        for (int at = offset; at < end; at += BLOCK_BYTES) {
            long low = (long) LONG_LE.get(data, at);
            long high = (long) LONG_LE.get(data, at + 8);
            a0 += low & LIMB;
            a1 += (low >>> 26) & LIMB;
            a2 += ((low >>> 52) | (high << 12)) & LIMB;
            a3 += (high >>> 14) & LIMB;
            a4 += (high >>> 40) | highBit;

            long d0 = a0 * k0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
            long d1 = a0 * k1 + a1 * k0 + a2 * s4 + a3 * s3 + a4 * s2;
            long d2 = a0 * k2 + a1 * k1 + a2 * k0 + a3 * s4 + a4 * s3;
            long d3 = a0 * k3 + a1 * k2 + a2 * k1 + a3 * k0 + a4 * s4;
            long d4 = a0 * k4 + a1 * k3 + a2 * k2 + a3 * k1 + a4 * k0;

            long c = d0 >>> 26; a0 = d0 & LIMB; d1 += c;
            c = d1 >>> 26; a1 = d1 & LIMB; d2 += c;
            c = d2 >>> 26; a2 = d2 & LIMB; d3 += c;
            c = d3 >>> 26; a3 = d3 & LIMB; d4 += c;
            c = d4 >>> 26; a4 = d4 & LIMB; a0 += c * 5;
            c = a0 >>> 26; a0 &= LIMB; a1 += c;
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
        h3 = a3;
        h4 = a4;
    }
}
