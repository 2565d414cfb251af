package org.p2pvps.sshgateway.internal.cipher;

/**
 * Where {@link ChaCha20Poly1305} gets the payload's ChaCha20 keystream, the bulk of its work. The packet
 * length and the Poly1305 key always come from {@link ChaCha20} (one block each).
 */
enum PayloadKeyStream {

    /** {@link ChaCha20}: plain Java, runs everywhere. */
    SCALAR("our plain-Java"),
    /**
     * {@link VectorChaCha20}, then {@link ChaCha20} for the last partial step: on Java 17 with
     * {@code --add-modules jdk.incubator.vector} (and, in OSGi, the package exported by the system bundle) on a
     * CPU with 512-bit vectors.
     */
    VECTOR("our Vector API (jdk.incubator.vector)"),
    /** The JDK's {@code ChaCha20} from SunJCE, intrinsified (AVX2/AVX-512, NEON) from Java 20 on (JDK-8247645). */
    JDK("the JDK's intrinsified");

    private final String description;

    PayloadKeyStream(String description) {
        this.description = description;
    }

    /** Whose ChaCha20 this is, for the log. */
    String description() {
        return description;
    }

    /** The cheapest this JVM offers. */
    static PayloadKeyStream fastest() {
        return fastest(Runtime.version().feature(), PayloadKeyStream.class.getClassLoader());
    }

    /** The cheapest on Java {@code javaFeature} for a cipher whose classes {@code loader} links. */
    static PayloadKeyStream fastest(int javaFeature, ClassLoader loader) {
        if (javaFeature >= 20) {
            return JDK;
        }
        return vectorUsable(javaFeature, loader) ? VECTOR : SCALAR;
    }

    /** Whether {@link VectorChaCha20} works in this JVM, for our own class loader. */
    static boolean vectorUsable() {
        return vectorUsable(Runtime.version().feature(), PayloadKeyStream.class.getClassLoader());
    }

    /**
     * Only on Java 17: the incubating API changes between releases (Java 25's has no {@code intoByteArray}), and
     * {@link VectorChaCha20} is built and tested against 17's. It links to jdk.incubator.vector, so this asks
     * {@code loader} for the module's class first: without the module (or, in OSGi, without the optional import
     * resolved) that fails and nothing of ours touches the Vector API. The CPU must also run 512-bit vectors.
     */
    private static boolean vectorUsable(int javaFeature, ClassLoader loader) {
        if (javaFeature != 17) {
            return false;
        }
        try {
            Class.forName("jdk.incubator.vector.IntVector", false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        return VectorChaCha20.fits();
    }
}
