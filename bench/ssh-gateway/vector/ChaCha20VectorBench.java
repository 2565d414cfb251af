import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bench tool (bench/ssh-gateway/RESULTS.md): is a ChaCha20 keystream on the incubating Vector API (Java 17)
 * worth wiring into the gateway? Two layouts: one block per vector lane (SPECIES_PREFERRED: 16 blocks at a
 * time with AVX-512), so the rounds are plain lane-wise add/xor/rotate; and "rows", a block's four state rows
 * in four 128-bit lanes (4 blocks per 512-bit vector, the diagonal round by lane rotations), also with two
 * independent sets at once ("x2"). The keystream leaves the vectors through an int buffer read back per
 * block, a gather per block, or (rows) a byte buffer XORed in as longs, which the gateway's VectorChaCha20 uses.
 * Each variant is checked against the JDK's ChaCha20 before and after it is timed (i.e. interpreted and once the
 * JIT has compiled it), and timed on 32 KiB packets in one thread:
 *
 *   java --add-modules jdk.incubator.vector bench/ssh-gateway/vector/ChaCha20VectorBench.java [bytes] [seconds]
 */
public final class ChaCha20VectorBench {

    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] CONSTANTS = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final IntVector LANE_INDEX = IntVector.fromArray(SPECIES, iota(), 0);
    private static final int[] WORD_MAJOR = wordMajor();

    private final int[] key = new int[8];
    private final int[] words = new int[16 * LANES];
    private final byte[] rowBytes = new byte[16 * LANES];

    /** How the row layout's keystream gets to the data. */
    private enum Exit { INT_BUFFER, GATHER, BYTE_BUFFER }

    private ChaCha20VectorBench(byte[] keyBytes) {
        for (int i = 0; i < 8; i++) {
            key[i] = (int) INT_LE.get(keyBytes, 4 * i);
        }
    }

    private static int[] iota() {
        int[] iota = new int[LANES];
        Arrays.setAll(iota, i -> i);
        return iota;
    }

    /** Index map of word w of one block in the word-major buffer: w * LANES. */
    private static int[] wordMajor() {
        int[] map = new int[16];
        Arrays.setAll(map, w -> w * LANES);
        return map;
    }

    /** XORs the keystream into whole multiples of LANES blocks; the caller's scalar code does any rest. */
    void xor(byte[] data, int offset, int length, int counter, int w13, int w14, int w15, boolean gather) {
        int chunk = LANES * 64;
        for (int at = offset; at + chunk <= offset + length; at += chunk, counter += LANES) {
            IntVector x0 = IntVector.broadcast(SPECIES, CONSTANTS[0]);
            IntVector x1 = IntVector.broadcast(SPECIES, CONSTANTS[1]);
            IntVector x2 = IntVector.broadcast(SPECIES, CONSTANTS[2]);
            IntVector x3 = IntVector.broadcast(SPECIES, CONSTANTS[3]);
            IntVector x4 = IntVector.broadcast(SPECIES, key[0]);
            IntVector x5 = IntVector.broadcast(SPECIES, key[1]);
            IntVector x6 = IntVector.broadcast(SPECIES, key[2]);
            IntVector x7 = IntVector.broadcast(SPECIES, key[3]);
            IntVector x8 = IntVector.broadcast(SPECIES, key[4]);
            IntVector x9 = IntVector.broadcast(SPECIES, key[5]);
            IntVector x10 = IntVector.broadcast(SPECIES, key[6]);
            IntVector x11 = IntVector.broadcast(SPECIES, key[7]);
            IntVector counters = LANE_INDEX.add(counter);
            IntVector x12 = counters;
            IntVector x13 = IntVector.broadcast(SPECIES, w13);
            IntVector x14 = IntVector.broadcast(SPECIES, w14);
            IntVector x15 = IntVector.broadcast(SPECIES, w15);
            for (int round = 0; round < 10; round++) {
                x0 = x0.add(x4); x12 = rotate(x12.lanewise(VectorOperators.XOR, x0), 16);
                x8 = x8.add(x12); x4 = rotate(x4.lanewise(VectorOperators.XOR, x8), 12);
                x0 = x0.add(x4); x12 = rotate(x12.lanewise(VectorOperators.XOR, x0), 8);
                x8 = x8.add(x12); x4 = rotate(x4.lanewise(VectorOperators.XOR, x8), 7);
                x1 = x1.add(x5); x13 = rotate(x13.lanewise(VectorOperators.XOR, x1), 16);
                x9 = x9.add(x13); x5 = rotate(x5.lanewise(VectorOperators.XOR, x9), 12);
                x1 = x1.add(x5); x13 = rotate(x13.lanewise(VectorOperators.XOR, x1), 8);
                x9 = x9.add(x13); x5 = rotate(x5.lanewise(VectorOperators.XOR, x9), 7);
                x2 = x2.add(x6); x14 = rotate(x14.lanewise(VectorOperators.XOR, x2), 16);
                x10 = x10.add(x14); x6 = rotate(x6.lanewise(VectorOperators.XOR, x10), 12);
                x2 = x2.add(x6); x14 = rotate(x14.lanewise(VectorOperators.XOR, x2), 8);
                x10 = x10.add(x14); x6 = rotate(x6.lanewise(VectorOperators.XOR, x10), 7);
                x3 = x3.add(x7); x15 = rotate(x15.lanewise(VectorOperators.XOR, x3), 16);
                x11 = x11.add(x15); x7 = rotate(x7.lanewise(VectorOperators.XOR, x11), 12);
                x3 = x3.add(x7); x15 = rotate(x15.lanewise(VectorOperators.XOR, x3), 8);
                x11 = x11.add(x15); x7 = rotate(x7.lanewise(VectorOperators.XOR, x11), 7);

                x0 = x0.add(x5); x15 = rotate(x15.lanewise(VectorOperators.XOR, x0), 16);
                x10 = x10.add(x15); x5 = rotate(x5.lanewise(VectorOperators.XOR, x10), 12);
                x0 = x0.add(x5); x15 = rotate(x15.lanewise(VectorOperators.XOR, x0), 8);
                x10 = x10.add(x15); x5 = rotate(x5.lanewise(VectorOperators.XOR, x10), 7);
                x1 = x1.add(x6); x12 = rotate(x12.lanewise(VectorOperators.XOR, x1), 16);
                x11 = x11.add(x12); x6 = rotate(x6.lanewise(VectorOperators.XOR, x11), 12);
                x1 = x1.add(x6); x12 = rotate(x12.lanewise(VectorOperators.XOR, x1), 8);
                x11 = x11.add(x12); x6 = rotate(x6.lanewise(VectorOperators.XOR, x11), 7);
                x2 = x2.add(x7); x13 = rotate(x13.lanewise(VectorOperators.XOR, x2), 16);
                x8 = x8.add(x13); x7 = rotate(x7.lanewise(VectorOperators.XOR, x8), 12);
                x2 = x2.add(x7); x13 = rotate(x13.lanewise(VectorOperators.XOR, x2), 8);
                x8 = x8.add(x13); x7 = rotate(x7.lanewise(VectorOperators.XOR, x8), 7);
                x3 = x3.add(x4); x14 = rotate(x14.lanewise(VectorOperators.XOR, x3), 16);
                x9 = x9.add(x14); x4 = rotate(x4.lanewise(VectorOperators.XOR, x9), 12);
                x3 = x3.add(x4); x14 = rotate(x14.lanewise(VectorOperators.XOR, x3), 8);
                x9 = x9.add(x14); x4 = rotate(x4.lanewise(VectorOperators.XOR, x9), 7);
            }
            int[] w = words;
            x0.add(CONSTANTS[0]).intoArray(w, 0);
            x1.add(CONSTANTS[1]).intoArray(w, LANES);
            x2.add(CONSTANTS[2]).intoArray(w, 2 * LANES);
            x3.add(CONSTANTS[3]).intoArray(w, 3 * LANES);
            x4.add(key[0]).intoArray(w, 4 * LANES);
            x5.add(key[1]).intoArray(w, 5 * LANES);
            x6.add(key[2]).intoArray(w, 6 * LANES);
            x7.add(key[3]).intoArray(w, 7 * LANES);
            x8.add(key[4]).intoArray(w, 8 * LANES);
            x9.add(key[5]).intoArray(w, 9 * LANES);
            x10.add(key[6]).intoArray(w, 10 * LANES);
            x11.add(key[7]).intoArray(w, 11 * LANES);
            x12.add(counters).intoArray(w, 12 * LANES);
            x13.add(w13).intoArray(w, 13 * LANES);
            x14.add(w14).intoArray(w, 14 * LANES);
            x15.add(w15).intoArray(w, 15 * LANES);
            if (gather && LANES == 16) {
                for (int b = 0; b < LANES; b++) {
                    int blockAt = at + 64 * b;
                    IntVector stream = IntVector.fromArray(SPECIES, w, b, WORD_MAJOR, 0);
                    IntVector.fromByteArray(SPECIES, data, blockAt, ByteOrder.LITTLE_ENDIAN)
                            .lanewise(VectorOperators.XOR, stream)
                            .intoByteArray(data, blockAt, ByteOrder.LITTLE_ENDIAN);
                }
            } else {
                for (int b = 0; b < LANES; b++) {
                    int blockAt = at + 64 * b;
                    for (int i = 0; i < 8; i++) {
                        long stream = (w[2 * i * LANES + b] & 0xFFFF_FFFFL) | ((long) w[(2 * i + 1) * LANES + b] << 32);
                        int p = blockAt + 8 * i;
                        LONG_LE.set(data, p, (long) LONG_LE.get(data, p) ^ stream);
                    }
                }
            }
        }
    }


    private static final int GROUPS = LANES / 4; // blocks per vector in the row layout
    private static final VectorShuffle<Integer> ROTATE_1 = rotation(1);
    private static final VectorShuffle<Integer> ROTATE_2 = rotation(2);
    private static final VectorShuffle<Integer> ROTATE_3 = rotation(3);
    private static final int[] ROW_GATHER = rowGather();

    /** Within each group of 4 lanes (one block's row), lane i takes lane (i + n) mod 4. */
    private static VectorShuffle<Integer> rotation(int n) {
        return VectorShuffle.fromOp(SPECIES, i -> (i & ~3) | ((i + n) & 3));
    }

    /** Word w of a block in the row buffer (rows a, b, c, d of LANES ints each, 4 ints per block). */
    private static int[] rowGather() {
        int[] map = new int[16];
        Arrays.setAll(map, w -> (w / 4) * LANES + (w & 3));
        return map;
    }

    /**
     * Row layout: vector a holds words 0-3 of GROUPS blocks, b words 4-7, c 8-11, d 12-15; a double round
     * is four lane-wise quarter-round steps with the diagonals made columns by lane rotations.
     */
    void xorRows(byte[] data, int offset, int length, int counter, int w13, int w14, int w15, Exit exit) {
        int chunk = GROUPS * 64;
        int[] startA = new int[LANES];
        int[] startB = new int[LANES];
        int[] startC = new int[LANES];
        int[] startD = new int[LANES];
        for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < 4; i++) {
                startA[4 * g + i] = CONSTANTS[i];
                startB[4 * g + i] = key[i];
                startC[4 * g + i] = key[4 + i];
            }
            startD[4 * g] = g;
            startD[4 * g + 1] = w13;
            startD[4 * g + 2] = w14;
            startD[4 * g + 3] = w15;
        }
        IntVector a0 = IntVector.fromArray(SPECIES, startA, 0);
        IntVector b0 = IntVector.fromArray(SPECIES, startB, 0);
        IntVector c0 = IntVector.fromArray(SPECIES, startC, 0);
        IntVector d0 = IntVector.fromArray(SPECIES, startD, 0);
        int[] counterOnly = new int[LANES];
        for (int g = 0; g < GROUPS; g++) {
            counterOnly[4 * g] = 1;
        }
        IntVector counterLanes = IntVector.fromArray(SPECIES, counterOnly, 0);
        int[] w = words;
        for (int at = offset; at + chunk <= offset + length; at += chunk, counter += GROUPS) {
            IntVector d = d0.add(counterLanes.mul(counter));
            IntVector dStart = d;
            IntVector a = a0;
            IntVector b = b0;
            IntVector c = c0;
            for (int round = 0; round < 10; round++) {
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 16);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 12);
                a = a.add(b); d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 8);
                c = c.add(d); b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 7);
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
            if (exit == Exit.BYTE_BUFFER) { // as the gateway's VectorChaCha20
                byte[] rows = rowBytes;
                a.add(a0).intoByteArray(rows, 0, ByteOrder.LITTLE_ENDIAN);
                b.add(b0).intoByteArray(rows, 4 * LANES, ByteOrder.LITTLE_ENDIAN);
                c.add(c0).intoByteArray(rows, 8 * LANES, ByteOrder.LITTLE_ENDIAN);
                d.add(dStart).intoByteArray(rows, 12 * LANES, ByteOrder.LITTLE_ENDIAN);
                for (int g = 0; g < GROUPS; g++) {
                    for (int row = 0; row < 4; row++) {
                        int from = row * 4 * LANES + g * 16;
                        int to = at + 64 * g + row * 16;
                        LONG_LE.set(data, to, (long) LONG_LE.get(data, to) ^ (long) LONG_LE.get(rows, from));
                        LONG_LE.set(data, to + 8, (long) LONG_LE.get(data, to + 8) ^ (long) LONG_LE.get(rows, from + 8));
                    }
                }
                continue;
            }
            a.add(a0).intoArray(w, 0);
            b.add(b0).intoArray(w, LANES);
            c.add(c0).intoArray(w, 2 * LANES);
            d.add(dStart).intoArray(w, 3 * LANES);
            for (int g = 0; g < GROUPS; g++) {
                int blockAt = at + 64 * g;
                if (exit == Exit.GATHER && LANES == 16) {
                    IntVector stream = IntVector.fromArray(SPECIES, w, 4 * g, ROW_GATHER, 0);
                    IntVector.fromByteArray(SPECIES, data, blockAt, ByteOrder.LITTLE_ENDIAN)
                            .lanewise(VectorOperators.XOR, stream)
                            .intoByteArray(data, blockAt, ByteOrder.LITTLE_ENDIAN);
                } else {
                    for (int i = 0; i < 8; i++) {
                        int word = 2 * i;
                        int low = w[(word / 4) * LANES + 4 * g + (word & 3)];
                        int high = w[(word / 4) * LANES + 4 * g + (word & 3) + 1];
                        int p = blockAt + 8 * i;
                        LONG_LE.set(data, p, (long) LONG_LE.get(data, p) ^ ((low & 0xFFFF_FFFFL) | ((long) high << 32)));
                    }
                }
            }
        }
    }

    /** As {@link #xorRows}, two independent sets of rows per step (2 * GROUPS blocks) for instruction-level parallelism. */
    void xorRows2(byte[] data, int offset, int length, int counter, int w13, int w14, int w15) {
        int chunk = 2 * GROUPS * 64;
        int[] startA = new int[LANES];
        int[] startB = new int[LANES];
        int[] startC = new int[LANES];
        int[] startD = new int[LANES];
        int[] counterOnly = new int[LANES];
        for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < 4; i++) {
                startA[4 * g + i] = CONSTANTS[i];
                startB[4 * g + i] = key[i];
                startC[4 * g + i] = key[4 + i];
            }
            startD[4 * g] = g;
            startD[4 * g + 1] = w13;
            startD[4 * g + 2] = w14;
            startD[4 * g + 3] = w15;
            counterOnly[4 * g] = 1;
        }
        IntVector a0 = IntVector.fromArray(SPECIES, startA, 0);
        IntVector b0 = IntVector.fromArray(SPECIES, startB, 0);
        IntVector c0 = IntVector.fromArray(SPECIES, startC, 0);
        IntVector d0 = IntVector.fromArray(SPECIES, startD, 0);
        IntVector counterLanes = IntVector.fromArray(SPECIES, counterOnly, 0);
        int[] w = words;
        for (int at = offset; at + chunk <= offset + length; at += chunk, counter += 2 * GROUPS) {
            IntVector d = d0.add(counterLanes.mul(counter));
            IntVector e = d0.add(counterLanes.mul(counter + GROUPS));
            IntVector dStart = d;
            IntVector eStart = e;
            IntVector a = a0;
            IntVector b = b0;
            IntVector c = c0;
            IntVector x = a0;
            IntVector y = b0;
            IntVector z = c0;
            for (int round = 0; round < 10; round++) {
                a = a.add(b); x = x.add(y);
                d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 16); e = e.lanewise(VectorOperators.XOR, x).lanewise(VectorOperators.ROL, 16);
                c = c.add(d); z = z.add(e);
                b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 12); y = y.lanewise(VectorOperators.XOR, z).lanewise(VectorOperators.ROL, 12);
                a = a.add(b); x = x.add(y);
                d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 8); e = e.lanewise(VectorOperators.XOR, x).lanewise(VectorOperators.ROL, 8);
                c = c.add(d); z = z.add(e);
                b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 7); y = y.lanewise(VectorOperators.XOR, z).lanewise(VectorOperators.ROL, 7);
                b = b.rearrange(ROTATE_1); y = y.rearrange(ROTATE_1);
                c = c.rearrange(ROTATE_2); z = z.rearrange(ROTATE_2);
                d = d.rearrange(ROTATE_3); e = e.rearrange(ROTATE_3);
                a = a.add(b); x = x.add(y);
                d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 16); e = e.lanewise(VectorOperators.XOR, x).lanewise(VectorOperators.ROL, 16);
                c = c.add(d); z = z.add(e);
                b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 12); y = y.lanewise(VectorOperators.XOR, z).lanewise(VectorOperators.ROL, 12);
                a = a.add(b); x = x.add(y);
                d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROL, 8); e = e.lanewise(VectorOperators.XOR, x).lanewise(VectorOperators.ROL, 8);
                c = c.add(d); z = z.add(e);
                b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROL, 7); y = y.lanewise(VectorOperators.XOR, z).lanewise(VectorOperators.ROL, 7);
                b = b.rearrange(ROTATE_3); y = y.rearrange(ROTATE_3);
                c = c.rearrange(ROTATE_2); z = z.rearrange(ROTATE_2);
                d = d.rearrange(ROTATE_1); e = e.rearrange(ROTATE_1);
            }
            a.add(a0).intoArray(w, 0);
            b.add(b0).intoArray(w, LANES);
            c.add(c0).intoArray(w, 2 * LANES);
            d.add(dStart).intoArray(w, 3 * LANES);
            x.add(a0).intoArray(w, 4 * LANES);
            y.add(b0).intoArray(w, 5 * LANES);
            z.add(c0).intoArray(w, 6 * LANES);
            e.add(eStart).intoArray(w, 7 * LANES);
            for (int g = 0; g < 2 * GROUPS; g++) {
                int blockAt = at + 64 * g;
                IntVector stream = IntVector.fromArray(SPECIES, w, 4 * (g % GROUPS) + (g / GROUPS) * 4 * LANES, ROW_GATHER, 0);
                IntVector.fromByteArray(SPECIES, data, blockAt, ByteOrder.LITTLE_ENDIAN)
                        .lanewise(VectorOperators.XOR, stream)
                        .intoByteArray(data, blockAt, ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    private static IntVector rotate(IntVector v, int bits) {
        return v.lanewise(VectorOperators.ROL, bits);
    }

    private interface Variant {
        void xor(byte[] data, int offset, int length, int counter, int w13, int w14, int w15);
    }

    public static void main(String[] args) throws Exception {
        int payload = args.length > 0 ? Integer.parseInt(args[0]) : 32768;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf("%s, %d int lanes%n", Runtime.version(), LANES);
        Random random = new Random(1);
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        ChaCha20VectorBench vector = new ChaCha20VectorBench(keyBytes);
        SecretKeySpec jdkKey = new SecretKeySpec(keyBytes, "ChaCha20");
        Cipher jdk = Cipher.getInstance("ChaCha20");
        byte[] nonce = new byte[12];
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("block per lane, int buffer exit", (d, o, l, c, x, y, z) -> vector.xor(d, o, l, c, x, y, z, false));
        variants.put("block per lane, gather exit", (d, o, l, c, x, y, z) -> vector.xor(d, o, l, c, x, y, z, true));
        variants.put("rows, int buffer exit", (d, o, l, c, x, y, z) -> vector.xorRows(d, o, l, c, x, y, z, Exit.INT_BUFFER));
        variants.put("rows, gather exit", (d, o, l, c, x, y, z) -> vector.xorRows(d, o, l, c, x, y, z, Exit.GATHER));
        variants.put("rows, byte buffer + long XOR exit", (d, o, l, c, x, y, z) -> vector.xorRows(d, o, l, c, x, y, z, Exit.BYTE_BUFFER));
        variants.put("rows x2, gather exit", vector::xorRows2);

        byte[] packet = new byte[payload];
        long[] sequence = {0};
        for (Map.Entry<String, Variant> variant : variants.entrySet()) {
            String before = check(variant.getValue(), random, jdk, jdkKey);
            report("warm-up", payload, seconds, () -> variant.getValue().xor(packet, 0, payload, 1, 0, 0, (int) sequence[0]++));
            double cost = report(variant.getKey(), payload, seconds,
                    () -> variant.getValue().xor(packet, 0, payload, 1, 0, 0, (int) sequence[0]++));
            System.out.printf("%-45s %5.2f s per GB   keystream vs JDK's: %s before the JIT, %s after%n", variant.getKey(),
                    cost, before, check(variant.getValue(), random, jdk, jdkKey));
        }
        report("warm-up", payload, seconds, () -> jdkXor(jdk, jdkKey, nonce, packet, (int) sequence[0]++));
        System.out.printf("%-45s %5.2f s per GB%n", "JDK ChaCha20 (init per packet)",
                report("JDK", payload, seconds, () -> jdkXor(jdk, jdkKey, nonce, packet, (int) sequence[0]++)));
    }

    private static void jdkXor(Cipher jdk, SecretKeySpec key, byte[] nonce, byte[] packet, int sequence) throws Exception {
        INT_LE.set(nonce, 8, sequence);
        jdk.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 1));
        jdk.update(packet, 0, packet.length, packet, 0);
    }

    /** "same" when the variant's keystream equals the JDK's for random nonces, counters and lengths. */
    private static String check(Variant variant, Random random, Cipher jdk, SecretKeySpec key) throws Exception {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 50; i++) {
            byte[] data = new byte[LANES * 64 * (1 + random.nextInt(8))];
            random.nextBytes(data);
            random.nextBytes(nonce);
            int counter = random.nextInt(1000);
            jdk.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, counter));
            byte[] expected = jdk.doFinal(data);
            variant.xor(data, 0, data.length, counter, (int) INT_LE.get(nonce, 0), (int) INT_LE.get(nonce, 4),
                    (int) INT_LE.get(nonce, 8));
            if (!Arrays.equals(data, expected)) {
                return "DIFFERENT";
            }
        }
        return "same";
    }

    private interface Packet {
        void run() throws Exception;
    }

    /** @return CPU seconds per GB of one thread running {@code packet} for {@code seconds} */
    private static double report(String label, int payload, int seconds, Packet packet) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long packets = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                packet.run();
            }
            packets += 64;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e9 / (packets * (double) payload / 1e9);
    }
}
