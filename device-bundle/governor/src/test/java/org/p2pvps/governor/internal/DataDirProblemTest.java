package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory the governor cannot use is named with the reason, not as a bare path. */
class DataDirProblemTest {

    @TempDir
    Path tmp;

    @Test
    void aDataDirThatCannotBeCreatedSaysWhy() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path dataDir = file.resolve("governor");
        assertThatThrownBy(() -> PrivateFiles.createDirectories(dataDir))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(DeviceGovernor.describe(e))
                        .isEqualTo("cannot use " + dataDir + " (Not a directory)"));
    }

    @Test
    void aDataDirWhereNothingMayBeCreatedSaysWhy() {
        Path dataDir = Path.of("/proc/p2pvps-data");
        assertThatThrownBy(() -> PrivateFiles.createDirectories(dataDir))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(DeviceGovernor.describe(e))
                        .isEqualTo("cannot use /proc/p2pvps-data (no such file or directory)"));
    }
}
