package org.p2pvps.governor.internal.localsshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

class CryptPasswordTest {

    @Test
    void acceptsTheRightPasswordOnly() {
        String hash = Sha2Crypt.sha512Crypt("correct horse".getBytes(StandardCharsets.UTF_8));
        assertThat(CryptPassword.matches("correct horse", hash)).isTrue();
        assertThat(CryptPassword.matches("correct hors", hash)).isFalse();
        assertThat(CryptPassword.matches("", hash)).isFalse();
        assertThat(CryptPassword.matches(null, hash)).isFalse();
    }

    @Test
    void readsRoundsAndRefusesOtherSchemes() {
        String withRounds = Sha2Crypt.sha512Crypt("secret".getBytes(StandardCharsets.UTF_8), "$6$rounds=6000$saltsalt");
        assertThat(withRounds).startsWith("$6$rounds=6000$saltsalt$");
        assertThat(CryptPassword.matches("secret", withRounds)).isTrue();
        assertThat(CryptPassword.matches("secret", "$1$abc$def")).isFalse();
        assertThat(CryptPassword.matches("secret", "$6$")).isFalse();
        assertThat(CryptPassword.matches("secret", null)).isFalse();
    }
}
