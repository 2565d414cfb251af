package org.p2pvps.device.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path home;
    private Path jar;

    @BeforeEach
    void aStoppedRuntime() throws IOException {
        jar = Files.write(Files.createDirectories(home.resolve("bundle")).resolve("a.jar"), new byte[] {1, 2, 3});
        Files.createDirectories(home.resolve("data/cache"));
    }

    private String cacheSources() throws IOException {
        return Launcher.cacheSources(List.of(jar));
    }

    @Test
    void keepsTheCacheAfterACleanStopWithTheSameBundles() throws IOException {
        Files.writeString(home.resolve(Launcher.CACHE_MARK), cacheSources());
        assertThat(Launcher.keepCache(home, cacheSources())).isTrue();
        // the mark is gone while running: a crash now leaves none behind
        assertThat(home.resolve(Launcher.CACHE_MARK)).doesNotExist();
        assertThat(Launcher.keepCache(home, cacheSources())).isFalse();
    }

    @Test
    void rebuildsTheCacheWhenABundleWasReplaced() throws IOException {
        Files.writeString(home.resolve(Launcher.CACHE_MARK), cacheSources());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(Launcher.keepCache(home, cacheSources())).isFalse();
    }

    @Test
    void rebuildsTheCacheWhenItIsGoneOrWasNeverMarked() throws IOException {
        assertThat(Launcher.keepCache(home, cacheSources())).isFalse();
        Files.writeString(home.resolve(Launcher.CACHE_MARK), cacheSources());
        Files.delete(home.resolve("data/cache"));
        assertThat(Launcher.keepCache(home, cacheSources())).isFalse();
    }

    @Test
    void aBundleSetNamesEachFileWithItsFolderSizeAndTime() throws IOException {
        assertThat(cacheSources()).isEqualTo("bundle/a.jar 3 " + Files.getLastModifiedTime(jar).toMillis() + "\n");
    }
}
