package org.p2pvps.sshgateway.internal.cipher;

import java.nio.ByteBuffer;
import java.util.Random;

import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;

/**
 * Bench tool (bench/ssh-gateway/RESULTS.md): CPU cost of the SSH chacha20-poly1305 candidates in one thread,
 * on packets of the size a tunnel carries, so the faster ChaCha20 for this JVM can be picked:
 * {@code java [--add-modules jdk.incubator.vector] -cp <test classpath> org.p2pvps.sshgateway.internal.cipher.CipherBench
 * [packetBytes] [seconds]} (the Vector API row only with the module).
 */
public final class CipherBench {

    private CipherBench() {
    }

    public static void main(String[] args) throws Exception {
        int payload = args.length > 0 ? Integer.parseInt(args[0]) : 32768;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] key = new byte[64];
        new Random(1).nextBytes(key);
        byte[] packet = new byte[4 + payload + 16];
        ByteBuffer.wrap(packet).putInt(payload);

        Cipher ours = new ChaCha20Poly1305(PayloadKeyStream.SCALAR);
        ours.init(Mode.Encrypt, key, new byte[8]);
        boolean vector = PayloadKeyStream.vectorUsable();
        Cipher oursOnVectors = new ChaCha20Poly1305(vector ? PayloadKeyStream.VECTOR : PayloadKeyStream.SCALAR);
        oursOnVectors.init(Mode.Encrypt, key, new byte[8]);
        Cipher oursWithJdk = new ChaCha20Poly1305(PayloadKeyStream.JDK);
        oursWithJdk.init(Mode.Encrypt, key, new byte[8]);
        Cipher onOpenSsl = OpenSsl.load().cipher();
        onOpenSsl.init(Mode.Encrypt, key, new byte[8]);
        Cipher openSslSender = OpenSsl.load().cipher();
        Cipher openSslReceiver = OpenSsl.load().cipher();
        Cipher apache = new ChaCha20Cipher();
        apache.init(Mode.Encrypt, key, new byte[8]);
        javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("ChaCha20");
        SecretKeySpec jdkKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        ChaCha20 ourChaCha = new ChaCha20(key, 0);
        Poly1305 poly = new Poly1305();
        byte[] nonce = new byte[12];
        long[] sequence = {0};

        for (int round = 0; round < 2; round++) { // the first round is the JIT's warm-up
            String label = round == 0 ? "warm-up " : "";
            report(label + "ours: OpenSSL's ChaCha20 + Poly1305 (SSH cipher)", payload, seconds,
                    () -> onOpenSsl.updateWithAAD(packet, 0, 4, payload));
            openSslSender.init(Mode.Encrypt, key, new byte[8]);
            openSslReceiver.init(Mode.Decrypt, key, new byte[8]);
            report(label + "ours: OpenSSL's, encrypt + decrypt", payload, seconds, () -> {
                byte[] sealed = packet.clone();
                openSslSender.updateWithAAD(sealed, 0, 4, payload);
                openSslReceiver.updateWithAAD(sealed, 0, 4, payload);
            });
            report(label + "ours: our ChaCha20 + Poly1305 (SSH cipher)", payload, seconds,
                    () -> ours.updateWithAAD(packet, 0, 4, payload));
            if (vector) {
                report(label + "ours: our Vector API ChaCha20 + Poly1305 (SSH cipher)", payload, seconds,
                        () -> oursOnVectors.updateWithAAD(packet, 0, 4, payload));
            }
            report(label + "ours: JDK ChaCha20 + our Poly1305 (SSH cipher)", payload, seconds,
                    () -> oursWithJdk.updateWithAAD(packet, 0, 4, payload));
            report(label + "Apache SSHD 2.17 built-in (SSH cipher)", payload, seconds,
                    () -> apache.updateWithAAD(packet, 0, 4, payload));
            report(label + "our ChaCha20 keystream only", payload, seconds,
                    () -> ourChaCha.xor(packet, 4, payload, 1, 0, 0, (int) sequence[0]++));
            report(label + "JDK ChaCha20 keystream only (init per packet)", payload, seconds, () -> {
                ByteBuffer.wrap(nonce, 4, 8).putLong(sequence[0]++);
                jdk.init(javax.crypto.Cipher.ENCRYPT_MODE, jdkKey, new ChaCha20ParameterSpec(nonce, 1));
                jdk.update(packet, 4, payload, packet, 4);
            });
            report(label + "our Poly1305 only", payload, seconds, () -> {
                poly.init(0x1234L, 0x5678L, 0x9abcL, 0xdef0L);
                poly.update(packet, 0, 4 + payload);
                poly.finish(packet, 4 + payload);
            });
        }
    }

    private interface Packet {
        void run() throws Exception;
    }

    private static void report(String label, int payload, int seconds, Packet packet) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long packets = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                packet.run();
            }
            packets += 64;
            now = System.nanoTime();
        } while (now < end);
        double gb = packets * (double) payload / 1e9;
        double cpuSecondsPerGb = (now - start) / 1e9 / gb;
        System.out.printf("%-58s %7.0f MB/s  %5.2f s per GB%n", label, gb * 1000 / ((now - start) / 1e9), cpuSecondsPerGb);
    }
}
