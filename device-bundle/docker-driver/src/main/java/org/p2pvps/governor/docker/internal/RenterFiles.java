package org.p2pvps.governor.docker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.RenterEnvironment;

/**
 * The renter's credentials as the files the image's entrypoint reads from {@value #DIRECTORY}, copied into
 * the container before it starts so that no secret appears in its configuration ({@code docker inspect}).
 */
final class RenterFiles {

    static final String DIRECTORY = "/etc/p2pvps/renter";

    private static final Pattern LOGIN = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    // crypt(3) output: $id$[params$]salt$hash in the crypt alphabet; no ':' or newline can reach chpasswd
    private static final Pattern CRYPT_HASH = Pattern.compile("\\$[0-9a-z]{1,2}\\$[A-Za-z0-9./$=,]{4,}");

    private RenterFiles() {
    }

    /** @throws ContainerException naming what is wrong, before anything is created */
    static void validate(RenterEnvironment environment) throws ContainerException {
        String rentalId = environment.rentalId();
        if (rentalId == null || rentalId.isBlank() || rentalId.length() > 200 || rentalId.chars().anyMatch(Character::isISOControl)) {
            throw new ContainerException("The rental id '" + rentalId + "' is empty, too long or holds control characters");
        }
        String login = environment.login();
        if (login == null || !LOGIN.matcher(login).matches() || login.equals("root")) {
            throw new ContainerException("Rental " + rentalId + ": '" + login
                    + "' is not a usable Linux user name (a-z, 0-9, _ and -, at most 32, not root)");
        }
        String hash = environment.passwordHash();
        boolean hasHash = hash != null && !hash.isEmpty();
        if (hasHash && !CRYPT_HASH.matcher(hash).matches()) {
            throw new ContainerException("Rental " + rentalId + ": the password hash is not a crypt(3) hash such as $6$salt$...");
        }
        for (String key : environment.authorizedKeys()) {
            if (key == null || key.isBlank() || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                throw new ContainerException("Rental " + rentalId + ": an authorized key is empty or spans several lines");
            }
        }
        if (!hasHash && environment.authorizedKeys().isEmpty()) {
            throw new ContainerException("Rental " + rentalId + ": the renter has neither a password hash nor an authorized key");
        }
    }

    /** A tar archive, to be extracted at {@code /}, with the files readable by root only. */
    static byte[] tar(RenterEnvironment environment) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("login", environment.login());
        files.put("password_hash", environment.passwordHash() == null ? "" : environment.passwordHash());
        files.put("authorized_keys", String.join("\n", environment.authorizedKeys()) + (environment.authorizedKeys().isEmpty() ? "" : "\n"));
        Date now = Date.from(Instant.now());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(DIRECTORY.substring(1) + "/" + file.getKey());
                entry.setMode(0100600);
                entry.setIds(0, 0);
                entry.setSize(content.length);
                entry.setModTime(now);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
