package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.RenterEnvironment;

class RenterFilesTest {

    static final String HASH = "$6$Bq1Gq0Ymq2Zb3mD5$E0vT4nqN3oV8pW0Jm2qzv3O4q5rR6sS7tT8uU9vV0wW1xX2yY3zZ4aA5bB6cC7dD8eE9fF0gG1hH2iI3jJ4kK5";
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHn0kN2i4U0k4G5b0t3R6a7c8d9e0f1g2h3i4j5k6l7m renter@laptop";

    @Test
    void archiveHoldsTheThreeFilesForRootOnly() throws Exception {
        Map<String, String> files = untar(RenterFiles.tar(env("r-1", "alice", HASH, List.of(KEY, KEY + "2"))));

        assertThat(files).containsExactly(
                Map.entry("etc/p2pvps/renter/login 0600 0:0", "alice"),
                Map.entry("etc/p2pvps/renter/password_hash 0600 0:0", HASH),
                Map.entry("etc/p2pvps/renter/authorized_keys 0600 0:0", KEY + "\n" + KEY + "2\n"));
    }

    @Test
    void keysOnlyOrPasswordOnlyAreBothFine() {
        assertThatCode(() -> RenterFiles.validate(env("r-1", "alice", null, List.of(KEY)))).doesNotThrowAnyException();
        assertThatCode(() -> RenterFiles.validate(env("r-1", "alice", HASH, List.of()))).doesNotThrowAnyException();
        assertThatCode(() -> RenterFiles.validate(env("r-1", "alice", "$y$j9T$abcdefgh$ijklmnop", List.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void nothingThatCouldReachBeyondTheRentersAccountPasses() {
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "root", HASH, List.of()))).isInstanceOf(ContainerException.class)
                .hasMessageContaining("'root' is not a usable Linux user name");
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "Alice", HASH, List.of()))).hasMessageContaining("'Alice'");
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "a\nroot", HASH, List.of()))).hasMessageContaining("user name");
        // a newline in the hash would hand chpasswd a second line, for another user
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "alice", HASH + "\nroot:$6$x$y", List.of())))
                .hasMessageContaining("not a crypt(3) hash");
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "alice", "secret", List.of()))).hasMessageContaining("crypt(3)");
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "alice", null, List.of(KEY + "\n" + KEY))))
                .hasMessageContaining("spans several lines");
        assertThatThrownBy(() -> RenterFiles.validate(env("r-1", "alice", "", List.of())))
                .hasMessageContaining("neither a password hash nor an authorized key");
        assertThatThrownBy(() -> RenterFiles.validate(env(" ", "alice", HASH, List.of()))).hasMessageContaining("rental id");
    }

    static RenterEnvironment env(String rental, String login, String hash, List<String> keys) {
        return new RenterEnvironment(rental, login, hash, keys, Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static Map<String, String> untar(byte[] tar) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null;) {
                String key = entry.getName() + " " + String.format("%04o", entry.getMode() & 07777) + " "
                        + entry.getLongUserId() + ":" + entry.getLongGroupId();
                files.put(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
