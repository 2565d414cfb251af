package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import javax.crypto.AEADBadTagException;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our chacha20-poly1305@openssh.com and Apache SSHD's built-in one are the same cipher: packets one encrypts
 * the other decrypts, in both directions, for random keys, lengths and sequence numbers (across the uint32
 * wrap), driven the way Apache SSHD's packet codec drives a cipher; a packet altered anywhere is refused.
 */
class ChaCha20Poly1305Test {

    private static final int TAG = 16;
    private final Random random = new Random(20251129);

    /** With each payload keystream: ours in plain Java, ours on the Vector API (where usable), the JDK's. */
    @ParameterizedTest(name = "payload keystream: {0}")
    @EnumSource(PayloadKeyStream.class)
    void oursEncryptsWhatApacheSshdDecrypts(PayloadKeyStream payloadKeyStream) throws Exception {
        assumeUsable(payloadKeyStream);
        for (long start : List.of(0L, 3L, 0xFFFF_FFF0L, random.nextLong() & 0xFFFF_FFFFL)) {
            roundTrips(new ChaCha20Poly1305(payloadKeyStream), new ChaCha20Cipher(), start);
        }
    }

    @ParameterizedTest(name = "payload keystream: {0}")
    @EnumSource(PayloadKeyStream.class)
    void apacheSshdEncryptsWhatOursDecrypts(PayloadKeyStream payloadKeyStream) throws Exception {
        assumeUsable(payloadKeyStream);
        for (long start : List.of(0L, 3L, 0xFFFF_FFF0L, random.nextLong() & 0xFFFF_FFFFL)) {
            roundTrips(new ChaCha20Cipher(), new ChaCha20Poly1305(payloadKeyStream), start);
        }
    }

    private static void assumeUsable(PayloadKeyStream payloadKeyStream) {
        assumeTrue(payloadKeyStream != PayloadKeyStream.VECTOR || PayloadKeyStream.vectorUsable(),
                "no jdk.incubator.vector or no 512-bit vectors on this JVM");
    }

    @ParameterizedTest(name = "payload keystream: {0}")
    @EnumSource(PayloadKeyStream.class)
    void anAlteredLengthPayloadOrTagIsRefused(PayloadKeyStream payloadKeyStream) throws Exception {
        assumeUsable(payloadKeyStream);
        byte[] key = randomBytes(64);
        byte[] packet = packet(random.nextInt(100) * 8 + 1032); // past the Vector API's first 256-byte step
        int payload = packet.length - 4 - TAG;
        Cipher sender = init(new ChaCha20Poly1305(payloadKeyStream), Mode.Encrypt, key, 7);
        sender.updateWithAAD(packet, 0, 4, payload);
        for (int at : List.of(0, 3, 4, 4 + payload / 2, 4 + payload - 1, 4 + payload, packet.length - 1)) {
            byte[] altered = packet.clone();
            altered[at] ^= 0x10;
            Cipher receiver = init(new ChaCha20Poly1305(payloadKeyStream), Mode.Decrypt, key, 7);
            receiver.updateAAD(altered, 0, 4);
            assertThatThrownBy(() -> receiver.update(altered, 4, payload)).as("byte %d altered", at)
                    .isInstanceOf(AEADBadTagException.class);
        }
        Cipher receiver = init(new ChaCha20Poly1305(payloadKeyStream), Mode.Decrypt, key, 8); // right packet, wrong number
        receiver.updateAAD(packet, 0, 4);
        assertThatThrownBy(() -> receiver.update(packet, 4, payload)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void theFactoryTakesTheBuiltInOnesPlace() {
        List<NamedFactory<Cipher>> builtIn = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.cc20p1305_openssh,
                BuiltinCiphers.aes256ctr);
        List<NamedFactory<Cipher>> replaced = ChaCha20Poly1305Factory.replacing(builtIn);
        assertThat(replaced).extracting(NamedFactory::getName).containsExactly(
                "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes256-ctr");
        assertThat(replaced.get(1).create()).isInstanceOf(ChaCha20Poly1305.class);
        assertThat(replaced.get(0)).isSameAs(BuiltinCiphers.aes128gcm);
    }

    /** Forty packets of random lengths, sequence numbers counting up from {@code start}. */
    private void roundTrips(Cipher encrypter, Cipher decrypter, long start) throws Exception {
        byte[] key = randomBytes(64);
        init(encrypter, Mode.Encrypt, key, start);
        init(decrypter, Mode.Decrypt, key, start);
        for (int i = 0; i < 40; i++) {
            int payload = (i == 0 ? 1 : 1 + random.nextInt(i % 5 == 0 ? 4500 : 40)) * 8;
            byte[] packet = packet(payload);
            byte[] plain = packet.clone();
            encrypter.updateWithAAD(packet, 0, 4, payload);
            assertThat(java.util.Arrays.copyOf(packet, 4 + payload)).isNotEqualTo(java.util.Arrays.copyOf(plain, 4 + payload));

            decrypter.updateAAD(packet, 0, 4); // as the codec does: the length first, the rest once it has arrived
            assertThat(ByteBuffer.wrap(packet).getInt()).isEqualTo(payload);
            decrypter.update(packet, 4, payload);
            assertThat(java.util.Arrays.copyOf(packet, 4 + payload)).isEqualTo(java.util.Arrays.copyOf(plain, 4 + payload));
        }
    }

    /** The 4-byte length, the payload, and room for the tag. */
    private byte[] packet(int payload) {
        byte[] packet = new byte[4 + payload + TAG];
        random.nextBytes(packet);
        ByteBuffer.wrap(packet).putInt(payload);
        return packet;
    }

    /** As Apache SSHD's codec does: the IV is a whole hash, the sequence number in its first 8 bytes. */
    private Cipher init(Cipher cipher, Mode mode, byte[] key, long sequence) throws Exception {
        byte[] iv = randomBytes(64);
        ByteBuffer.wrap(iv).putLong(sequence);
        cipher.init(mode, key, iv);
        return cipher;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
