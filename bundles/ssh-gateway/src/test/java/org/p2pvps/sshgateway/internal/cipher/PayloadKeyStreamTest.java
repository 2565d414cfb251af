package org.p2pvps.sshgateway.internal.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The cipher picks the JDK's ChaCha20 from Java 20 on, ours on vectors on Java 17 where it can, else ours in plain
 * Java.
 */
class PayloadKeyStreamTest {

    /** The class loader of a JVM started without --add-modules jdk.incubator.vector, as far as we can tell. */
    private static final ClassLoader WITHOUT_VECTOR_MODULE = new ClassLoader(PayloadKeyStream.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jdk.incubator.vector.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    };

    @Test
    void withoutTheVectorModuleJava17UsesThePlainJavaCipher() {
        assertThat(PayloadKeyStream.fastest(17, WITHOUT_VECTOR_MODULE)).isEqualTo(PayloadKeyStream.SCALAR);
    }

    @Test
    void withTheVectorModuleJava17UsesTheVectorCipher() {
        assumeTrue(VectorChaCha20.fits(), "no 512-bit vectors on this CPU");
        assertThat(PayloadKeyStream.fastest(17, PayloadKeyStream.class.getClassLoader())).isEqualTo(PayloadKeyStream.VECTOR);
    }

    @Test
    void otherJavaVersionsBeforeJava20UseThePlainJavaCipher() {
        // VectorChaCha20 is built against Java 17's incubating API, which later releases changed
        assertThat(PayloadKeyStream.fastest(18, PayloadKeyStream.class.getClassLoader())).isEqualTo(PayloadKeyStream.SCALAR);
        assertThat(PayloadKeyStream.fastest(19, PayloadKeyStream.class.getClassLoader())).isEqualTo(PayloadKeyStream.SCALAR);
    }

    @Test
    void fromJava20TheJdksIntrinsicIsUsed() {
        assertThat(PayloadKeyStream.fastest(20, WITHOUT_VECTOR_MODULE)).isEqualTo(PayloadKeyStream.JDK);
        assertThat(PayloadKeyStream.fastest(25, PayloadKeyStream.class.getClassLoader())).isEqualTo(PayloadKeyStream.JDK);
    }
}
