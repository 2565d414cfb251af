package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our chacha20-poly1305@openssh.com (in Java on each payload keystream, and on OpenSSL) and Apache SSHD's built-in
 * one are the same cipher: packets one encrypts the other decrypts, in both directions, for random keys, lengths
 * and sequence numbers (across the uint32 wrap), driven the way Apache SSHD's packet codec drives a cipher; a
 * packet altered anywhere is refused.
 */
class ChaCha20Poly1305Test {

    private static final int TAG = 16;
    private final Random random = new Random(20251129);

    /** Ours in plain Java, on the Vector API (where usable), with the JDK's ChaCha20, and on OpenSSL. */
    static Stream<Named<Supplier<Cipher>>> ours() throws Exception {
        OpenSsl openSsl = OpenSsl.load();
        Stream<Named<Supplier<Cipher>>> java = Arrays.stream(PayloadKeyStream.values())
                .filter(keyStream -> keyStream != PayloadKeyStream.VECTOR || PayloadKeyStream.vectorUsable())
                .map(keyStream -> Named.of("Java, " + keyStream, () -> new ChaCha20Poly1305(keyStream)));
        return Stream.concat(java, Stream.of(Named.of("OpenSSL", openSsl::cipher)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ours")
    void oursEncryptsWhatApacheSshdDecrypts(Supplier<Cipher> ours) throws Exception {
        for (long start : List.of(0L, 3L, 0xFFFF_FFF0L, random.nextLong() & 0xFFFF_FFFFL)) {
            roundTrips(ours.get(), new ChaCha20Cipher(), start);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ours")
    void apacheSshdEncryptsWhatOursDecrypts(Supplier<Cipher> ours) throws Exception {
        for (long start : List.of(0L, 3L, 0xFFFF_FFF0L, random.nextLong() & 0xFFFF_FFFFL)) {
            roundTrips(new ChaCha20Cipher(), ours.get(), start);
        }
    }

    /** Java and OpenSSL against each other, over the odd sizes too: none, one byte, one block and around it, 100 KB. */
    @Test
    void openSslAndOurJavaAgreeBothWays() throws Exception {
        OpenSsl openSsl = OpenSsl.load();
        for (long start : List.of(0L, 0xFFFF_FFFAL)) {
            roundTrips(openSsl.cipher(), new ChaCha20Poly1305(PayloadKeyStream.SCALAR), start);
            roundTrips(new ChaCha20Poly1305(PayloadKeyStream.SCALAR), openSsl.cipher(), start);
        }
        byte[] key = randomBytes(64);
        Cipher java = init(new ChaCha20Poly1305(PayloadKeyStream.SCALAR), Mode.Encrypt, key, 0xFFFF_FFFEL);
        Cipher openSslSender = init(openSsl.cipher(), Mode.Encrypt, key, 0xFFFF_FFFEL);
        Cipher openSslReceiver = init(openSsl.cipher(), Mode.Decrypt, key, 0xFFFF_FFFEL);
        for (int payload : List.of(0, 1, 63, 64, 65, 32768, 100_000, 8)) {
            byte[] packet = packet(payload);
            byte[] plain = packet.clone();
            byte[] byJava = packet.clone();
            java.updateWithAAD(byJava, 0, 4, payload);
            openSslSender.updateWithAAD(packet, 0, 4, payload);
            assertThat(packet).as("%d bytes", payload).isEqualTo(byJava);
            openSslReceiver.updateWithAAD(packet, 0, 4, payload);
            assertThat(Arrays.copyOf(packet, 4 + payload)).isEqualTo(Arrays.copyOf(plain, 4 + payload));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ours")
    void anAlteredLengthPayloadOrTagIsRefused(Supplier<Cipher> ours) throws Exception {
        byte[] key = randomBytes(64);
        byte[] packet = packet(random.nextInt(100) * 8 + 1032); // past the Vector API's first 256-byte step
        int payload = packet.length - 4 - TAG;
        Cipher sender = init(ours.get(), Mode.Encrypt, key, 7);
        sender.updateWithAAD(packet, 0, 4, payload);
        for (int at : List.of(0, 3, 4, 4 + payload / 2, 4 + payload - 1, 4 + payload, packet.length - 1)) {
            byte[] altered = packet.clone();
            altered[at] ^= 0x10;
            Cipher receiver = init(ours.get(), Mode.Decrypt, key, 7);
            receiver.updateAAD(altered, 0, 4);
            assertThatThrownBy(() -> receiver.update(altered, 4, payload)).as("byte %d altered", at)
                    .isInstanceOf(AEADBadTagException.class);
        }
        Cipher receiver = init(ours.get(), Mode.Decrypt, key, 8); // right packet, wrong number
        receiver.updateAAD(packet, 0, 4);
        assertThatThrownBy(() -> receiver.update(packet, 4, payload)).isInstanceOf(AEADBadTagException.class);
    }

    /** The self-test's known answers are Apache SSHD's and our Java cipher's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ours")
    void theKnownAnswersAreRight(Supplier<Cipher> ours) throws Exception {
        for (Cipher cipher : List.of(new ChaCha20Cipher(), ours.get())) {
            cipher.init(Mode.Encrypt, OpenSsl.knownKey(), OpenSsl.knownIv());
            for (int p = 0; p < OpenSsl.KNOWN_PAYLOADS.length; p++) {
                byte[] packet = OpenSsl.knownPlainPacket(OpenSsl.KNOWN_PAYLOADS[p]);
                cipher.updateWithAAD(packet, 0, 4, OpenSsl.KNOWN_PAYLOADS[p]);
                assertThat(HexFormat.of().formatHex(packet)).as("%s, packet %d", cipher, p)
                        .isEqualTo(OpenSsl.KNOWN_PACKETS[p]);
            }
        }
    }

    /** This machine has OpenSSL 3 (Debian's libssl3), so the gateway must run the cipher there. */
    @Test
    void theFactoryPicksOpenSslWhereItLoadsAndJavaWhenSwitchedOff() {
        assertThat(ChaCha20Poly1305Factory.fastest(true).create()).isInstanceOf(OpenSslChaCha20Poly1305.class);
        assertThat(ChaCha20Poly1305Factory.fastest(false).create()).isInstanceOf(ChaCha20Poly1305.class);
    }

    @Test
    void theFactoryTakesTheBuiltInOnesPlaceChosenOncePerSetting() {
        List<NamedFactory<Cipher>> builtIn = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.cc20p1305_openssh,
                BuiltinCiphers.aes256ctr);
        ChaCha20Poly1305Choice choice = new ChaCha20Poly1305Choice();
        List<NamedFactory<Cipher>> replaced = choice.replacing(builtIn, true);
        assertThat(choice.replacing(builtIn, true).get(1)).as("chosen once, for every start").isSameAs(replaced.get(1));
        assertThat(choice.replacing(builtIn, false).get(1).create()).isInstanceOf(ChaCha20Poly1305.class);
        assertThat(replaced).extracting(NamedFactory::getName).containsExactly(
                "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes256-ctr");
        assertThat(replaced.get(1).create()).isInstanceOf(OpenSslChaCha20Poly1305.class);
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
            assertThat(Arrays.copyOf(packet, 4 + payload)).isNotEqualTo(Arrays.copyOf(plain, 4 + payload));

            decrypter.updateAAD(packet, 0, 4); // as the codec does: the length first, the rest once it has arrived
            assertThat(ByteBuffer.wrap(packet).getInt()).isEqualTo(payload);
            decrypter.update(packet, 4, payload);
            assertThat(Arrays.copyOf(packet, 4 + payload)).isEqualTo(Arrays.copyOf(plain, 4 + payload));
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
