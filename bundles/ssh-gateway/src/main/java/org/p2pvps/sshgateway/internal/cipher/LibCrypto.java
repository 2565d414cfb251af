package org.p2pvps.sshgateway.internal.cipher;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The few OpenSSL 3 functions {@link OpenSslChaCha20Poly1305} calls, bound from the OS's {@code libcrypto.so.3}
 * through JNA's direct mapping (a JNI entry per method, no reflection per call). Pointers and {@code size_t} are
 * Java {@code long}s, which holds on 64-bit platforms only: {@link #unusable()} says so elsewhere. Every
 * {@code int} result is OpenSSL's 1 for success.
 */
final class LibCrypto {

    static final String LIBRARY = "libcrypto.so.3";

    /** Why the binding failed, or null when every function below is bound. */
    private static final String UNUSABLE = bind();

    private LibCrypto() {
    }

    private static String bind() {
        try {
            if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
                return "not a 64-bit platform";
            }
            Native.register(LibCrypto.class, NativeLibrary.getInstance(LIBRARY));
            return null;
        } catch (NoClassDefFoundError e) {
            return "no JNA (" + e.getMessage() + ")";
        } catch (LinkageError e) { // no JNA dispatch library, no libcrypto.so.3, or a function missing from it
            // JNA lists every place it tried, one per line: the log gets one line
            return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", "; ");
        }
    }

    /** @return why OpenSSL cannot be called here, or null when it can */
    static String unusable() {
        return UNUSABLE;
    }

    static native String OpenSSL_version(int type);

    static native long EVP_CIPHER_fetch(long libraryContext, String algorithm, String properties);

    static native void EVP_CIPHER_free(long cipher);

    static native long EVP_CIPHER_CTX_new();

    static native void EVP_CIPHER_CTX_free(long context);

    /** With {@code cipher} and {@code key} 0, sets only the IV: the block counter and nonce for ChaCha20. */
    static native int EVP_CipherInit_ex2(long context, long cipher, long key, long iv, int encrypt, long params);

    static native int EVP_CipherUpdate(long context, long out, long outLength, long in, int inLength);

    static native long EVP_MAC_fetch(long libraryContext, String algorithm, String properties);

    static native void EVP_MAC_free(long mac);

    static native long EVP_MAC_CTX_new(long mac);

    static native void EVP_MAC_CTX_free(long context);

    static native int EVP_MAC_init(long context, long key, long keyLength, long params);

    static native int EVP_MAC_update(long context, long data, long length);

    static native int EVP_MAC_final(long context, long out, long outLength, long outSize);

    /** Constant-time comparison: 0 when equal. */
    static native int CRYPTO_memcmp(long a, long b, long length);
}
