package org.p2pvps.sshgateway.internal.cipher;

import java.lang.ref.Cleaner;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;

import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;

/**
 * The OS's OpenSSL 3, loaded and checked: {@link #load} binds {@code libcrypto.so.3} and runs a known-answer test
 * of {@link OpenSslChaCha20Poly1305} (two consecutive packets, encrypted and decrypted, one altered), so a
 * library that loads but computes anything else is never used. Owns the {@link Cleaner} that frees the ciphers'
 * OpenSSL contexts.
 */
final class OpenSsl {

    // Known answer: key 00 01 .. 3f, sequence numbers 0x89abcdef and 0x89abcdf0, payloads 00 01 .. 87 (136 bytes,
    // three ChaCha20 blocks) and 00 .. 07, each packet = length, payload, tag. Computed by Apache SSHD's own
    // chacha20-poly1305 (OpenSslChaCha20Poly1305Test checks these against it).
    static final long KNOWN_SEQUENCE = 0x89AB_CDEFL;
    static final int[] KNOWN_PAYLOADS = {136, 8};
    static final String[] KNOWN_PACKETS = {
        "52a750c73da44226c19b5cc47975901d8278f7131d41a486284adb20a534cc0040dabe75e722cfcebcb341b76ee3d8280fe723ec7d"
                + "11c951a5ef32548561de9e721e72acac2e2b42a8c2d7bacaae4244ca81312e9732b4a409d649b81fcdf37686d77efc593417"
                + "44184ac05c5f3cca467632a275366ffdfe6d18dc5668aeea44c5996c2ee31f664dfce1baf438eb1426f500dd23102a23a04710"
                + "4a10",
        "531d20fcde31204b66e6554d521bab58acf0a113b33d6f5c06e73eb7"};

    private final Cleaner cleaner;
    private final String version;

    private OpenSsl(Cleaner cleaner, String version) {
        this.cleaner = cleaner;
        this.version = version;
    }

    /** @throws GeneralSecurityException saying why OpenSSL is not usable here: not loaded, or a wrong answer */
    static OpenSsl load() throws GeneralSecurityException {
        String unusable;
        try {
            unusable = LibCrypto.unusable();
        } catch (LinkageError e) { // JNA itself not on the class path (outside OSGi, where the bundle imports it)
            unusable = e.toString();
        }
        if (unusable != null) {
            throw new GeneralSecurityException(LibCrypto.LIBRARY + " not loaded: " + unusable);
        }
        OpenSsl openSsl = new OpenSsl(Cleaner.create(task -> {
            Thread thread = new Thread(task, "p2pvps-openssl-cleaner");
            thread.setDaemon(true);
            return thread;
        }), LibCrypto.OpenSSL_version(0));
        openSsl.knownAnswerTest();
        return openSsl;
    }

    /** A new cipher on OpenSSL. */
    Cipher cipher() {
        return new OpenSslChaCha20Poly1305(cleaner);
    }

    /** OpenSSL's own version line, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
    String version() {
        return version;
    }

    private void knownAnswerTest() throws GeneralSecurityException {
        OpenSslChaCha20Poly1305 sender = new OpenSslChaCha20Poly1305(cleaner);
        OpenSslChaCha20Poly1305 receiver = new OpenSslChaCha20Poly1305(cleaner);
        sender.init(Mode.Encrypt, knownKey(), knownIv());
        receiver.init(Mode.Decrypt, knownKey(), knownIv());
        for (int p = 0; p < KNOWN_PACKETS.length; p++) {
            int payload = KNOWN_PAYLOADS[p];
            byte[] plain = knownPlainPacket(payload);
            byte[] packet = plain.clone();
            sender.updateAAD(packet, 0, 4);
            sender.update(packet, 4, payload);
            if (!HexFormat.of().formatHex(packet).equals(KNOWN_PACKETS[p])) {
                throw new GeneralSecurityException("OpenSSL's chacha20-poly1305 gave a wrong answer");
            }
            if (p == KNOWN_PACKETS.length - 1) {
                expectRefused(receiver, packet.clone(), payload);
            }
            receiver.updateAAD(packet, 0, 4);
            receiver.update(packet, 4, payload);
            if (!Arrays.equals(packet, 0, 4 + payload, plain, 0, 4 + payload)) {
                throw new GeneralSecurityException("OpenSSL's chacha20-poly1305 decrypted wrongly");
            }
        }
    }

    static byte[] knownKey() {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }

    /** As Apache SSHD passes it: the sequence number in 8 big-endian bytes. */
    static byte[] knownIv() {
        byte[] iv = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            iv[i] = (byte) (KNOWN_SEQUENCE >>> (56 - 8 * i));
        }
        return iv;
    }

    /** Length, payload 00 01 02 .., room for the tag. */
    static byte[] knownPlainPacket(int payload) {
        byte[] packet = new byte[4 + payload + 16];
        packet[3] = (byte) payload;
        for (int i = 0; i < payload; i++) {
            packet[4 + i] = (byte) i;
        }
        return packet;
    }

    /** A packet with one bit of its tag flipped must be refused (and leave the receiver's sequence alone). */
    private static void expectRefused(OpenSslChaCha20Poly1305 receiver, byte[] packet, int payload)
            throws GeneralSecurityException {
        packet[packet.length - 1] ^= 1;
        receiver.updateAAD(packet, 0, 4);
        try {
            receiver.update(packet, 4, payload);
        } catch (AEADBadTagException expected) {
            return;
        }
        throw new GeneralSecurityException("OpenSSL's chacha20-poly1305 accepted an altered tag");
    }
}
