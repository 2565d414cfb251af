package org.p2pvps.sshgateway.internal.cipher;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;


import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * {@code chacha20-poly1305@openssh.com} (the construction as in {@link ChaCha20Poly1305}) with ChaCha20 and
 * Poly1305 from the OS's OpenSSL 3 ({@link LibCrypto}), whose assembly (AVX2/AVX-512, NEON) costs a fraction of
 * our Java. OpenSSL's ChaCha20 IV is a 32-bit little-endian block counter and a 96-bit nonce; OpenSSH's state
 * (64-bit counter, 64-bit nonce) maps onto it while the counter stays below 2^32, which a packet's few blocks do:
 * IV = counter, four zero bytes, the sequence number as 8 big-endian bytes.
 * <p>
 * Each packet goes through one native buffer of this cipher's own (copied in and out, once each way): K_2's
 * block 0 comes out of 64 zero bytes as the Poly1305 key, the payload follows from block 1 in the same context,
 * and the encrypted length sits right before the payload, so one Poly1305 update covers both. Three OpenSSL
 * contexts per cipher (length, payload, Poly1305), made at {@link #init} and freed by the {@link Cleaner} when
 * Apache SSHD drops the cipher (at re-key or session end); nothing is allocated per packet.
 * Not thread-safe (Apache SSHD uses a cipher from one thread at a time).
 */
public final class OpenSslChaCha20Poly1305 implements ChaChaPolyCipher {

    private static final int HALF_KEY_BYTES = 32;
    private static final int LENGTH_BYTES = 4;
    private static final int IV_BYTES = 16;

    // the native buffer: fixed areas, then the packet's encrypted length right before its payload and tag
    private static final int ZEROS = 0; // 64 zero bytes, what K_2's block 0 encrypts into the Poly1305 key
    private static final int POLY_KEY = 64; // block 0 (the first 32 bytes are the key); the keys at init
    private static final int IV = 128;
    private static final int OUT_LENGTH = 144; // where OpenSSL writes how many bytes it wrote (int or size_t)
    private static final int PLAIN_LENGTH = 152;
    private static final int TAG = 160; // the tag computed on receipt
    private static final int PAYLOAD = 192; // 64-byte aligned
    private static final int ENCRYPTED_LENGTH = PAYLOAD - LENGTH_BYTES;
    private static final int FIRST_CAPACITY = 1024; // enough for an idle session's packets; bulk data grows it once

    private final Cleaner cleaner;
    private final byte[] iv = new byte[IV_BYTES];
    private Memory buffer;
    private long address;
    private Contexts contexts;
    private Cleaner.Cleanable freeContexts;
    private Mode mode;
    private long sequence;
    private long firstSequence;

    OpenSslChaCha20Poly1305(Cleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        long number = ChaChaPolyCipher.sequenceNumber(key, iv);
        if (freeContexts != null) {
            freeContexts.clean();
        }
        if (buffer == null) {
            allocate(FIRST_CAPACITY);
        }
        this.mode = mode;
        sequence = number;
        firstSequence = number;
        contexts = Contexts.create();
        freeContexts = cleaner.register(this, contexts);
        try {
            // K_2 (payload, Poly1305 key) is the first half of the key, K_1 (length) the second
            buffer.write(POLY_KEY, key, 0, KEY_BYTES);
            check(LibCrypto.EVP_CipherInit_ex2(contexts.payload, contexts.cipher, address + POLY_KEY, address + IV, 1, 0),
                    "ChaCha20 key");
            check(LibCrypto.EVP_CipherInit_ex2(contexts.length, contexts.cipher, address + POLY_KEY + HALF_KEY_BYTES,
                    address + IV, 1, 0), "ChaCha20 key");
        } finally {
            buffer.setMemory(POLY_KEY, KEY_BYTES, (byte) 0);
            Reference.reachabilityFence(this);
        }
    }

    private void allocate(int payloadCapacity) {
        buffer = new Memory(PAYLOAD + (long) payloadCapacity + TAG_BYTES);
        buffer.clear(PAYLOAD); // ZEROS must be zero; the rest is written before it is read
        address = Pointer.nativeValue(buffer);
    }

    /** A larger buffer, keeping the fixed areas: this packet's IV and encrypted length are already there. */
    private void grow(int payloadBytes) {
        Memory old = buffer;
        allocate(Integer.highestOneBit(payloadBytes) * 2);
        buffer.write(0, old.getByteArray(0, PAYLOAD), 0, PAYLOAD);
        old.clear(); // JNA frees without wiping: no packet bytes left in memory freed here
        old.close();
    }

    /** Encrypts or decrypts the packet length in place, keeping the encrypted one for the tag. */
    @Override
    public void updateAAD(byte[] data, int offset, int length) throws GeneralSecurityException {
        if (length != LENGTH_BYTES) {
            throw new IllegalArgumentException("only the 4-byte packet length is additional data, not " + length);
        }
        try {
            // counter 0, four zero bytes, the sequence number big-endian: for the length now and the payload next
            for (int i = 0; i < Long.BYTES; i++) {
                iv[8 + i] = (byte) (sequence >>> (56 - 8 * i));
            }
            buffer.write(IV, iv, 0, IV_BYTES);
            check(LibCrypto.EVP_CipherInit_ex2(contexts.length, 0, 0, address + IV, 1, 0), "ChaCha20 IV");
            int in = mode == Mode.Encrypt ? PLAIN_LENGTH : ENCRYPTED_LENGTH;
            int out = mode == Mode.Encrypt ? ENCRYPTED_LENGTH : PLAIN_LENGTH;
            buffer.write(in, data, offset, LENGTH_BYTES);
            check(LibCrypto.EVP_CipherUpdate(contexts.length, address + out, address + OUT_LENGTH, address + in,
                    LENGTH_BYTES), "ChaCha20");
            buffer.read(out, data, offset, LENGTH_BYTES);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Encrypts the payload and writes the tag after it, or checks the tag after it and decrypts. */
    @Override
    public void update(byte[] input, int inputOffset, int inputLen) throws GeneralSecurityException {
        if (inputLen < 0) {
            throw new IllegalArgumentException("negative payload length " + inputLen);
        }
        try {
            if (PAYLOAD + (long) inputLen + TAG_BYTES > buffer.size()) {
                grow(inputLen); // rare: a packet larger than any before
            }
            long payload = address + PAYLOAD;
            check(LibCrypto.EVP_CipherInit_ex2(contexts.payload, 0, 0, address + IV, 1, 0), "ChaCha20 IV");
            try {
                check(LibCrypto.EVP_CipherUpdate(contexts.payload, address + POLY_KEY, address + OUT_LENGTH,
                        address + ZEROS, ChaCha20.BLOCK_BYTES), "ChaCha20");
                check(LibCrypto.EVP_MAC_init(contexts.mac, address + POLY_KEY, HALF_KEY_BYTES, 0), "Poly1305 key");
            } finally {
                buffer.setMemory(POLY_KEY, ChaCha20.BLOCK_BYTES, (byte) 0); // the one-time key: in OpenSSL's context only
            }
            if (mode == Mode.Decrypt) {
                buffer.write(PAYLOAD, input, inputOffset, inputLen + TAG_BYTES);
                macFinal(inputLen, address + TAG);
                if (LibCrypto.CRYPTO_memcmp(address + TAG, payload + inputLen, TAG_BYTES) != 0) {
                    throw new AEADBadTagException("chacha20-poly1305 tag mismatch");
                }
                check(LibCrypto.EVP_CipherUpdate(contexts.payload, payload, address + OUT_LENGTH, payload, inputLen),
                        "ChaCha20");
                buffer.read(PAYLOAD, input, inputOffset, inputLen);
            } else {
                buffer.write(PAYLOAD, input, inputOffset, inputLen);
                check(LibCrypto.EVP_CipherUpdate(contexts.payload, payload, address + OUT_LENGTH, payload, inputLen),
                        "ChaCha20");
                macFinal(inputLen, payload + inputLen);
                buffer.read(PAYLOAD, input, inputOffset, inputLen + TAG_BYTES);
            }
        } finally {
            Reference.reachabilityFence(this);
        }
        sequence = ChaChaPolyCipher.next(sequence, firstSequence);
    }

    /** Poly1305 over the encrypted length and the encrypted payload, the tag to {@code tag}. */
    private void macFinal(int payloadLength, long tag) throws GeneralSecurityException {
        check(LibCrypto.EVP_MAC_update(contexts.mac, address + ENCRYPTED_LENGTH, LENGTH_BYTES + (long) payloadLength),
                "Poly1305");
        check(LibCrypto.EVP_MAC_final(contexts.mac, tag, address + OUT_LENGTH, TAG_BYTES), "Poly1305");
    }

    private static void check(int result, String step) throws GeneralSecurityException {
        if (result != 1) {
            throw new GeneralSecurityException("OpenSSL failed: " + step);
        }
    }

    @Override
    public String toString() {
        return ChaCha20Poly1305.NAME;
    }

    /**
     * One cipher's OpenSSL objects, freed once by the cleaner (it holds no reference to the cipher). The fetched
     * ChaCha20 stays until the contexts go, since {@link #init} keys with it; the MAC context holds its own.
     */
    private record Contexts(long cipher, long length, long payload, long mac) implements Runnable {

        static Contexts create() throws GeneralSecurityException {
            long cipher = LibCrypto.EVP_CIPHER_fetch(0, "ChaCha20", null);
            long macAlgorithm = LibCrypto.EVP_MAC_fetch(0, "POLY1305", null);
            Contexts contexts = new Contexts(cipher, LibCrypto.EVP_CIPHER_CTX_new(), LibCrypto.EVP_CIPHER_CTX_new(),
                    macAlgorithm == 0 ? 0 : LibCrypto.EVP_MAC_CTX_new(macAlgorithm));
            LibCrypto.EVP_MAC_free(macAlgorithm); // the context holds a reference of its own
            if (cipher == 0 || contexts.length == 0 || contexts.payload == 0 || contexts.mac == 0) {
                contexts.run();
                throw new GeneralSecurityException("OpenSSL has no ChaCha20 or Poly1305");
            }
            return contexts;
        }

        /** Frees what was made; OpenSSL's free functions take 0 (NULL) and clear key material. */
        @Override
        public void run() {
            LibCrypto.EVP_CIPHER_CTX_free(length);
            LibCrypto.EVP_CIPHER_CTX_free(payload);
            LibCrypto.EVP_MAC_CTX_free(mac);
            LibCrypto.EVP_CIPHER_free(cipher);
        }
    }
}
