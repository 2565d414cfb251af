package org.p2pvps.sshgateway.internal.cipher;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;


/**
 * OpenSSH's {@code chacha20-poly1305@openssh.com} (PROTOCOL.chacha20poly1305) as an Apache SSHD cipher, in
 * place of Apache SSHD's own implementation, which costs about three times OpenSSH's CPU per byte. The
 * 64-byte key is K_2 (payload and Poly1305 key) then K_1 (packet length); the nonce is the packet sequence
 * number; the Poly1305 key is the first 32 bytes of K_2's block 0, the payload is encrypted from block 1, and
 * the tag covers the encrypted length and the encrypted payload.
 * <p>
 * Apache SSHD hands the 4-byte length to {@link #updateAAD} (on receipt as soon as it arrives, before the
 * rest of the packet) and the padded payload to {@link #update}; tag space or tag follows the payload.
 * <p>
 * The payload's keystream comes from the {@link PayloadKeyStream} the factory picked as the cheapest this JVM
 * offers: the JDK's {@code ChaCha20} from Java 20 on (intrinsified), else, on Java 17, our
 * {@link VectorChaCha20} where the incubating Vector API is there with 512-bit vectors, else our scalar
 * {@link ChaCha20}.
 */
public final class ChaCha20Poly1305 implements ChaChaPolyCipher {

    public static final String NAME = "chacha20-poly1305@openssh.com";
    private static final int LENGTH_BYTES = 4;

    private final PayloadKeyStream payloadKeyStream;
    private Mode mode;
    private ChaCha20 payloadCipher;
    private VectorChaCha20 vectorPayloadCipher;
    private javax.crypto.Cipher jdkPayloadCipher;
    private SecretKeySpec jdkPayloadKey;
    private final byte[] jdkNonce = new byte[12];
    private ChaCha20 lengthCipher;
    private final Poly1305 poly1305 = new Poly1305();
    private long sequence;
    private long firstSequence;

    ChaCha20Poly1305(PayloadKeyStream payloadKeyStream) {
        this.payloadKeyStream = payloadKeyStream;
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        long number = ChaChaPolyCipher.sequenceNumber(key, iv);
        this.mode = mode;
        payloadCipher = new ChaCha20(key, 0);
        lengthCipher = new ChaCha20(key, 32);
        if (payloadKeyStream == PayloadKeyStream.VECTOR) {
            vectorPayloadCipher = new VectorChaCha20(key, 0);
        } else if (payloadKeyStream == PayloadKeyStream.JDK) {
            // SunJCE by name: another provider (Bouncy Castle is in the server) may read the counter differently
            jdkPayloadCipher = javax.crypto.Cipher.getInstance("ChaCha20", "SunJCE");
            jdkPayloadKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        }
        sequence = number;
        firstSequence = number;
    }

    /** Encrypts or decrypts the packet length in place and starts the packet's tag. */
    @Override
    public void updateAAD(byte[] data, int offset, int length) {
        if (length != LENGTH_BYTES) {
            throw new IllegalArgumentException("only the 4-byte packet length is additional data, not " + length);
        }
        poly1305.init(payloadCipher.block(0, 0, 0, nonceLow()), 0);
        if (mode == Mode.Decrypt) {
            poly1305.update(data, offset, length);
        }
        lengthCipher.xor(data, offset, length, 0, 0, 0, nonceLow());
        if (mode == Mode.Encrypt) {
            poly1305.update(data, offset, length);
        }
    }

    /** Encrypts the payload and writes the tag after it, or checks the tag after it and decrypts. */
    @Override
    public void update(byte[] input, int inputOffset, int inputLen) throws GeneralSecurityException {
        if (mode == Mode.Decrypt) {
            poly1305.update(input, inputOffset, inputLen);
            if (!poly1305.verify(input, inputOffset + inputLen)) {
                throw new AEADBadTagException("chacha20-poly1305 tag mismatch");
            }
            encryptPayload(input, inputOffset, inputLen);
        } else {
            encryptPayload(input, inputOffset, inputLen);
            poly1305.update(input, inputOffset, inputLen);
            poly1305.finish(input, inputOffset + inputLen);
        }
        sequence = ChaChaPolyCipher.next(sequence, firstSequence);
    }

    /** XORs K_2's keystream from block 1 on into the payload. */
    private void encryptPayload(byte[] data, int offset, int length) throws GeneralSecurityException {
        if (vectorPayloadCipher != null) {
            int done = vectorPayloadCipher.xor(data, offset, length, 1, 0, 0, nonceLow());
            payloadCipher.xor(data, offset + done, length - done, 1 + done / ChaCha20.BLOCK_BYTES, 0, 0, nonceLow());
            return;
        }
        if (jdkPayloadCipher == null) {
            payloadCipher.xor(data, offset, length, 1, 0, 0, nonceLow());
            return;
        }
        // RFC 8439's 96-bit nonce: 4 zero bytes, then SSH's 8-byte big-endian sequence number
        for (int i = 0; i < Long.BYTES; i++) {
            jdkNonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        // always ENCRYPT_MODE (XOR either way); the JDK refuses only a repeated key and nonce, which SSH never uses
        jdkPayloadCipher.init(javax.crypto.Cipher.ENCRYPT_MODE, jdkPayloadKey, new ChaCha20ParameterSpec(jdkNonce, 1));
        int done = jdkPayloadCipher.update(data, offset, length, data, offset);
        if (done != length) {
            throw new IllegalStateException("ChaCha20 returned " + done + " of " + length + " bytes");
        }
    }

    /**
     * The nonce is the sequence number as 8 big-endian bytes, i.e. state words 14 and 15 read little-endian;
     * word 14 is 0 below 2^32.
     */
    private int nonceLow() {
        return Integer.reverseBytes((int) sequence);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
