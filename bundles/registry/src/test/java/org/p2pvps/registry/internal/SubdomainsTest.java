package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubdomainsTest {

    private static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private final Random random = new Random(7);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Living-room NUC|living-room-nuc",
            "Café Zürich|cafe-zurich",
            "  --Pi 4!!--  |pi-4",
            "ÅÄÖ___box|aao-box",
            "日本|''",
            "''|''"})
    void theReadablePartIsTheNameAsLowerCaseAscii(String name, String readable) {
        assertThat(Subdomains.readable(name)).isEqualTo(readable);
    }

    @Test
    void aNameWithNothingReadableBecomesDevice() {
        assertThat(Subdomains.forName("日本", random)).matches("device-[a-z0-9]{6}");
        assertThat(Subdomains.forName(null, random)).matches("device-[a-z0-9]{6}");
    }

    @Test
    void everySubdomainIsAValidDnsLabelEvenForLongNames() {
        for (String name : new String[] {"x".repeat(64), "a-".repeat(32), "ab-".repeat(21) + "-", "Zürich ".repeat(9)}) {
            String subdomain = Subdomains.forName(name, random);

            assertThat(subdomain).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL).doesNotContain("--");
        }
    }

    @Test
    void theSuffixIsRandomAndAvoidsLookAlikeCharacters() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String subdomain = Subdomains.forName("box", random);
            assertThat(subdomain).matches("box-[a-km-np-z2-9]{6}");
            names.add(subdomain);
        }
        assertThat(names).hasSize(1000);
    }
}
