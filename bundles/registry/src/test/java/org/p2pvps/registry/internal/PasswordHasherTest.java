package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(4, new SecureRandom());

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void hashesAreSaltedBcryptAtTheConfiguredCost() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).startsWith("$2b$04$").hasSize(60).doesNotContain("correct");
        assertThat(second).isNotEqualTo(first);
        assertThat(hasher.matches("correct horse battery", second)).isTrue();
    }

    @Test
    void multiByteCharactersCount() {
        String hash = hasher.hash("pässwörd-ünïcode");

        assertThat(hasher.matches("pässwörd-ünïcode", hash)).isTrue();
        assertThat(hasher.matches("passwoerd-unicode", hash)).isFalse();
    }

    @Test
    void fitsIsBcrypts72ByteLimit() {
        assertThat(PasswordHasher.fits("x".repeat(72))).isTrue();
        assertThat(PasswordHasher.fits("x".repeat(73))).isFalse();
        assertThat(PasswordHasher.fits("é".repeat(36))).isTrue();
        assertThat(PasswordHasher.fits("é".repeat(37))).isFalse();
    }

    @Test
    void matchNothingRunsWithoutAnswering() {
        hasher.matchNothing("whatever password");
    }
}
