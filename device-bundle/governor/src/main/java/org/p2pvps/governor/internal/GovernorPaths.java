package org.p2pvps.governor.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where the governor's components keep their files. */
public final class GovernorPaths {

    /** Framework property the device runtime sets to its data directory. */
    public static final String DATA_PROPERTY = "p2pvps.data";

    private GovernorPaths() {
    }

    /** {@code data.dir} when set; else {@code ${p2pvps.data}/governor} in the device runtime, else the bundle's data area. */
    public static Path dataDir(BundleContext context, GovernorConfig config) {
        String configured = config.data_dir() == null ? "" : config.data_dir().trim();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String data = context.getProperty(DATA_PROPERTY);
        if (data != null && !data.isBlank()) {
            return Path.of(data, "governor");
        }
        return context.getDataFile("governor").toPath();
    }

    /** Replaces {@code file} atomically with {@code content}, readable by the owner only. */
    public static void writePrivate(Path file, String content) throws IOException {
        PrivateFiles.write(file, content);
    }

    /** Deletes a directory tree; harmless when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        PrivateFiles.deleteTree(dir);
    }
}
