package org.p2pvps.registry.internal.rental;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class SealedPasswordTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void opensOnlyWithTheRentalTokenItWasSealedWith() {
        String sealed = SealedPassword.seal("s3cret-Password", "token-a", random);
        assertThat(sealed).doesNotContain("s3cret");
        assertThat(SealedPassword.open(sealed, "token-a")).isEqualTo("s3cret-Password");
        assertThat(SealedPassword.open(sealed, "token-b")).isNull();
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(SealedPassword.seal("same", "token", random)).isNotEqualTo(SealedPassword.seal("same", "token", random));
    }
}
