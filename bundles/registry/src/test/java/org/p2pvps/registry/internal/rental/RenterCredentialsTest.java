package org.p2pvps.registry.internal.rental;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RenterCredentialsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void loginIsAValidLinuxUserNameAndPasswordIsLongAlphanumeric() {
        for (int i = 0; i < 200; i++) {
            RenterCredentials credentials = RenterCredentials.generate(random);
            assertThat(credentials.login()).matches("[a-z][a-z0-9]{" + RenterCredentials.LOGIN_RANDOM_CHARS + "}");
            assertThat(credentials.password()).matches("[A-Za-z0-9]{" + RenterCredentials.PASSWORD_LENGTH + "}");
            assertThat(credentials.toString()).doesNotContain(credentials.password());
        }
    }

    @Test
    void matchesOnlyTheRightPassword() {
        RenterCredentials credentials = RenterCredentials.generate(random);
        assertThat(RenterCredentials.matches(credentials.password(), credentials.passwordHash())).isTrue();
        assertThat(RenterCredentials.matches(credentials.password() + "x", credentials.passwordHash())).isFalse();
        assertThat(RenterCredentials.matches(credentials.password(), null)).isFalse();
        assertThat(RenterCredentials.matches(credentials.password(), "plain")).isFalse();
    }

    @Test
    void everyGenerationIsFresh() {
        Set<String> passwords = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            RenterCredentials credentials = RenterCredentials.generate(random);
            passwords.add(credentials.password());
            hashes.add(credentials.passwordHash());
        }
        assertThat(passwords).hasSize(100);
        assertThat(hashes).as("salted").hasSize(100);
    }

    @Test
    void theHashIsSha512CryptAsOpenSslComputesIt() throws IOException, InterruptedException {
        RenterCredentials credentials = RenterCredentials.generate(random);
        String hash = credentials.passwordHash();
        assertThat(hash).matches("\\$6\\$[A-Za-z0-9./]{16}\\$[A-Za-z0-9./]{86}");
        String salt = hash.split("\\$")[2];
        // an independent implementation (OpenSSL's) must produce the same hash: then chpasswd -e and
        // the device's login accept it
        Process openssl = new ProcessBuilder("openssl", "passwd", "-6", "-salt", salt, "-stdin")
                .redirectErrorStream(true).start();
        openssl.getOutputStream().write((credentials.password() + "\n").getBytes(StandardCharsets.UTF_8));
        openssl.getOutputStream().close();
        String computed = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(computed).isEqualTo(hash);
    }
}
