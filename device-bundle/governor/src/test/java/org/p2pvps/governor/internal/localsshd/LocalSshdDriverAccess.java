package org.p2pvps.governor.internal.localsshd;

import java.nio.file.Path;

import org.p2pvps.governor.container.ContainerDriver;

/** Lets tests in the governor's package build the driver without OSGi. */
public final class LocalSshdDriverAccess {

    private LocalSshdDriverAccess() {
    }

    public static ContainerDriver create(int port, Path dir) {
        return new LocalSshdDriver(port, dir);
    }

    /** What SCR does when the runtime stops. */
    public static void deactivate(ContainerDriver driver) {
        ((LocalSshdDriver) driver).deactivate();
    }
}
