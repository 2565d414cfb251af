package org.p2pvps.governor.internal;

import java.io.IOException;

import org.apache.sshd.common.SshConstants;

/**
 * Apache SSHD looks up its service providers through the thread context class loader; in OSGi that must
 * be the sshd bundle's loader while a client or server starts (as Karaf's own ssh bundle does).
 */
public final class SshdClassLoader {

    /** What runs with the sshd bundle's class loader as context. */
    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }

    private SshdClassLoader() {
    }

    public static void run(Action action) throws IOException {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(SshConstants.class.getClassLoader());
        try {
            action.run();
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
