package org.p2pvps.sshgateway.internal.cipher;

import org.apache.sshd.common.cipher.Cipher;

/**
 * What both of our chacha20-poly1305@openssh.com ciphers ({@link ChaCha20Poly1305} in Java,
 * {@link OpenSslChaCha20Poly1305} on OpenSSL) tell Apache SSHD, and how they read and advance the packet sequence
 * number that is their nonce.
 */
interface ChaChaPolyCipher extends Cipher {

    int KEY_BYTES = 64;
    int TAG_BYTES = 16;
    long SEQUENCE_MASK = 0xFFFF_FFFFL; // SSH's sequence number is a wrapping uint32

    /**
     * @param iv as Apache SSHD passes it: the whole derived IV (a hash's length), the sequence number in its first 8
     *        bytes
     * @return the sequence number, once key and IV are checked
     */
    static long sequenceNumber(byte[] key, byte[] iv) {
        if (key.length < KEY_BYTES || iv.length < Long.BYTES) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a 64-byte key and the 8-byte sequence number");
        }
        long number = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            number = (number << 8) | (iv[i] & 0xFF);
        }
        if ((number & ~SEQUENCE_MASK) != 0) {
            throw new IllegalArgumentException("not an SSH packet sequence number: " + number);
        }
        return number;
    }

    /** @return the number after {@code sequence}; refuses to come back to {@code first} under the same key */
    static long next(long sequence, long first) {
        long next = (sequence + 1) & SEQUENCE_MASK;
        if (next == first) {
            // 2^32 packets under one key would repeat a nonce; Apache SSHD re-keys long before
            throw new IllegalStateException("chacha20-poly1305 sequence number wrapped without a re-key");
        }
        return next;
    }

    /** "ChaCha..." is what makes Apache SSHD pass the sequence number as the IV. */
    @Override
    default String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    default String getTransformation() {
        return "ChaCha20";
    }

    @Override
    default int getIVSize() {
        return Long.BYTES;
    }

    @Override
    default int getAuthenticationTagSize() {
        return TAG_BYTES;
    }

    /** Padding unit, and the block size Apache SSHD's 1 GB re-key limit counts in. */
    @Override
    default int getCipherBlockSize() {
        return 8;
    }

    @Override
    default int getKdfSize() {
        return KEY_BYTES;
    }

    @Override
    default int getKeySize() {
        return KEY_BYTES * Byte.SIZE;
    }
}
