package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private final Secrets secrets = new Secrets(new SecureRandom());

    @Test
    void tokensAre256BitsOfUrlSafeBase64() {
        Set<String> tokens = new HashSet<>();
        Set<Character> alphabet = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String token = secrets.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            tokens.add(token);
            token.chars().forEach(c -> alphabet.add((char) c));
        }
        assertThat(tokens).hasSize(2000);
        // 86,000 random characters from a 64-character alphabet use all of it
        assertThat(alphabet).hasSize(64);
    }

    @Test
    void theHashIsHexSha256AndDeterministic() {
        assertThat(Secrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = secrets.newToken();
        assertThat(Secrets.hash(token)).isEqualTo(Secrets.hash(token)).hasSize(64).doesNotContain(token);
    }

    @Test
    void sameHashComparesAndRefusesMissingValues() {
        String hash = Secrets.hash("t");

        assertThat(Secrets.sameHash(hash, Secrets.hash("t"))).isTrue();
        assertThat(Secrets.sameHash(hash, Secrets.hash("u"))).isFalse();
        assertThat(Secrets.sameHash(null, hash)).isFalse();
        assertThat(Secrets.sameHash(hash, null)).isFalse();
        assertThat(Secrets.sameHash(null, null)).isFalse();
    }
}
