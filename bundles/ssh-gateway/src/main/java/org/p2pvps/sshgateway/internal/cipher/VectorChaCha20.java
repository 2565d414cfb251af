package org.p2pvps.sshgateway.internal.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * ChaCha20 (RFC 8439) on Java 17's incubating Vector API, four blocks per step in 512-bit vectors: vector
 * {@code a} holds state words 0-3 of the four blocks, {@code b} words 4-7, {@code c} 8-11, {@code d} 12-15,
 * so a column round is lane-wise add/xor/rotate on whole vectors and a diagonal round the same after
 * rotating the lanes of each block's row. The keystream leaves the rows through a small byte buffer, from
 * which each block's eight longs are XORed into the data. (A gather per block was faster but Java 17's C2
 * compiled it wrongly: correct when interpreted, wrong after warm-up.) Only whole steps are done here; {@link ChaCha20} does any rest. Loaded only when
 * {@link PayloadKeyStream} found the Vector API and 512-bit vectors; not thread-safe.
 * <p>
 * The rows that never change are kept as ints and loaded into vectors on each call: held in {@code IntVector}
 * fields, Java 17's C2 did not keep them in registers and the keystream cost 1.8 instead of 0.55 s per GB.
 */
final class VectorChaCha20 {

    static final int STEP_BYTES = 4 * ChaCha20.BLOCK_BYTES;
    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_512;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ROW_BYTES = 64;
    private static final int[] CONSTANTS = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final VectorShuffle<Integer> ROTATE_1 = rotation(1);
    private static final VectorShuffle<Integer> ROTATE_2 = rotation(2);
    private static final VectorShuffle<Integer> ROTATE_3 = rotation(3);
    /** 1 in each block's counter word. */
    private static final IntVector COUNTER_WORDS = IntVector.fromArray(SPECIES,
            new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, 0);

    /** Rows a, b, c of every step: the constants and the key, each repeated for the four blocks. */
    private final int[] fixedRows = new int[48];
    /** Row d of a call's first step without the counter: per block its 0-3 within the step, then words 13-15. */
    private final int[] counterRow = new int[16];
    /** The step's keystream as rows a, b, c, d (64 bytes each: 16 bytes per block). */
    private final byte[] rows = new byte[4 * ROW_BYTES];

    /** Whether this JVM runs 512-bit integer vectors natively (AVX-512 on x86-64): else they are emulated, slowly. */
    static boolean fits() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    /** @param key 32 bytes from {@code offset} */
    VectorChaCha20(byte[] key, int offset) {
        for (int lane = 0; lane < 16; lane++) {
            int word = lane & 3;
            fixedRows[lane] = CONSTANTS[word];
            fixedRows[16 + lane] = (int) INT_LE.get(key, offset + 4 * word);
            fixedRows[32 + lane] = (int) INT_LE.get(key, offset + 16 + 4 * word);
        }
    }

    /**
     * XORs the keystream from block {@code counter} on into as many whole {@link #STEP_BYTES} of {@code data}
     * from {@code offset} as {@code length} holds (callers keep the counter from wrapping).
     *
     * @return the bytes done, a multiple of {@link #STEP_BYTES}
     */
    int xor(byte[] data, int offset, int length, int counter, int word13, int word14, int word15) {
        for (int block = 0; block < 4; block++) {
            counterRow[4 * block] = block;
            counterRow[4 * block + 1] = word13;
            counterRow[4 * block + 2] = word14;
            counterRow[4 * block + 3] = word15;
        }
        IntVector firstStep = IntVector.fromArray(SPECIES, counterRow, 0);
        IntVector row0 = IntVector.fromArray(SPECIES, fixedRows, 0);
        IntVector row1 = IntVector.fromArray(SPECIES, fixedRows, 16);
        IntVector row2 = IntVector.fromArray(SPECIES, fixedRows, 32);
        int done = length - length % STEP_BYTES;
        byte[] stream = rows;
        int stepCounter = counter;
        for (int at = offset; at < offset + done; at += STEP_BYTES, stepCounter += 4) {
            IntVector start = firstStep.add(COUNTER_WORDS.mul(stepCounter));
            IntVector a = row0;
            IntVector b = row1;
            IntVector c = row2;
            IntVector d = start;
            for (int round = 0; round < 10; round++) {
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 16);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 12);
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 8);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 7);
                // the diagonals become columns: row b turns by one word, c by two, d by three
                b = b.rearrange(ROTATE_1);
                c = c.rearrange(ROTATE_2);
                d = d.rearrange(ROTATE_3);
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 16);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 12);
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 8);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 7);
                b = b.rearrange(ROTATE_3);
                c = c.rearrange(ROTATE_2);
                d = d.rearrange(ROTATE_1);
            }
            a.add(row0).intoByteArray(stream, 0, ByteOrder.LITTLE_ENDIAN);
            b.add(row1).intoByteArray(stream, ROW_BYTES, ByteOrder.LITTLE_ENDIAN);
            c.add(row2).intoByteArray(stream, 2 * ROW_BYTES, ByteOrder.LITTLE_ENDIAN);
            d.add(start).intoByteArray(stream, 3 * ROW_BYTES, ByteOrder.LITTLE_ENDIAN);
            for (int block = 0; block < 4; block++) {
                int blockAt = at + block * ChaCha20.BLOCK_BYTES;
                for (int row = 0; row < 4; row++) {
                    int from = row * ROW_BYTES + block * 16;
                    int to = blockAt + row * 16;
                    LONG_LE.set(data, to, (long) LONG_LE.get(data, to) ^ (long) LONG_LE.get(stream, from));
                    LONG_LE.set(data, to + 8, (long) LONG_LE.get(data, to + 8) ^ (long) LONG_LE.get(stream, from + 8));
                }
            }
        }
        return done;
    }

    /** Within each block's four lanes, lane i takes lane (i + n) mod 4. */
    private static VectorShuffle<Integer> rotation(int n) {
        return VectorShuffle.fromOp(SPECIES, lane -> (lane & ~3) | ((lane + n) & 3));
    }
}
