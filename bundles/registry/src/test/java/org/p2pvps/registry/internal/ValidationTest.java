package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

class ValidationTest {

    private static void assertInvalid(Runnable check, String messagePart) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_request");
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.org", "a.b+tag@mail.example.co.uk", "x@y.io", "ünïcode@exämple.org"})
    void acceptsEmailAddresses(String email) {
        assertThat(Validation.email(email)).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Validation.email("  Ada@Example.ORG ")).isEqualTo("ada@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ada", "ada@", "@example.org", "ada@example", "ada@@example.org",
            "ad a@example.org", "ada@exa mple.org", "ada@example..org", "ada@.example.org", "ada@example.org."})
    void refusesWhatIsNoEmailAddress(String email) {
        assertInvalid(() -> Validation.email(email), "email");
    }

    @Test
    void refusesAMissingOrOverlongEmail() {
        assertInvalid(() -> Validation.email(null), "email is required");
        assertInvalid(() -> Validation.email("a".repeat(250) + "@example.org"), "email");
    }

    @Test
    void passwordsNeedTenCharactersCountedAsCodePoints() {
        assertThat(Validation.newPassword("0123456789")).isEqualTo("0123456789");
        assertInvalid(() -> Validation.newPassword("012345678"), "at least 10");
        // nine emoji are eighteen chars in UTF-16 but nine characters to a human
        assertInvalid(() -> Validation.newPassword("😀".repeat(9)), "at least 10");
        assertThat(Validation.newPassword("😀".repeat(10))).hasSize(20);
        assertInvalid(() -> Validation.newPassword(null), "password is required");
    }

    @Test
    void passwordsOverBcryptsLimitAreRefusedNotCut() {
        assertThat(Validation.newPassword("x".repeat(72))).hasSize(72);
        assertInvalid(() -> Validation.newPassword("x".repeat(73)), "72 bytes");
        assertInvalid(() -> Validation.newPassword("é".repeat(37)), "72 bytes");
    }

    @Test
    void deviceNamesAreTrimmedAndOneTo64Characters() {
        assertThat(Validation.deviceName("  nuc ")).isEqualTo("nuc");
        assertThat(Validation.deviceName("n".repeat(64))).hasSize(64);
        assertInvalid(() -> Validation.deviceName("   "), "name must be 1-64");
        assertInvalid(() -> Validation.deviceName("n".repeat(65)), "name must be 1-64");
        assertInvalid(() -> Validation.deviceName(null), "name is required");
    }

    @Test
    void descriptionIsOptionalAndAtMost2000Characters() {
        assertThat(Validation.description(null)).isEmpty();
        assertThat(Validation.description(" d ")).isEqualTo("d");
        assertInvalid(() -> Validation.description("d".repeat(2001)), "2000");
    }

    @Test
    void currencyIsAnUpperCaseCode() {
        assertThat(Validation.currency(" usd ")).isEqualTo("USD");
        assertThat(Validation.currency("USDT")).isEqualTo("USDT");
        assertInvalid(() -> Validation.currency("US"), "currency");
        assertInvalid(() -> Validation.currency("DOLLAR"), "currency");
        assertInvalid(() -> Validation.currency("U$D"), "currency");
        assertInvalid(() -> Validation.currency(null), "currency is required");
    }

    @Test
    void pricingNeedsKnownPeriodsAndSanePrices() {
        assertThat(Validation.pricing(Map.of("hour", 0L, "MONTH", Validation.MAX_PRICE)))
                .containsExactly(Map.entry(Period.HOUR, 0L), Map.entry(Period.MONTH, Validation.MAX_PRICE));
        assertInvalid(() -> Validation.pricing(null), "pricing");
        assertInvalid(() -> Validation.pricing(Map.of()), "pricing");
        assertInvalid(() -> Validation.pricing(Map.of("YEAR", 1L)), "HOUR, DAY, WEEK, MONTH");
        assertInvalid(() -> Validation.pricing(Map.of("DAY", -1L)), "pricing.DAY");
        assertInvalid(() -> Validation.pricing(Map.of("DAY", Validation.MAX_PRICE + 1)), "pricing.DAY");
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("WEEK", null);
        assertInvalid(() -> Validation.pricing(withNull), "pricing.WEEK");
    }

    @Test
    void periodIsCaseInsensitive() {
        assertThat(Validation.period("period", " week ")).isEqualTo(Period.WEEK);
        assertInvalid(() -> Validation.period("period", "fortnight"), "period must be one of");
    }

    @Test
    void hardwareIsCheckedAndNormalised() {
        assertThat(Validation.hardware(new Hardware(null, 4, 8192, 0, " AMD64 ")))
                .isEqualTo(new Hardware("", 4, 8192, 0, "amd64"));
        assertInvalid(() -> Validation.hardware(null), "hardware is required");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 0, 1, 1, "amd64")), "hardware.cores");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 4097, 1, 1, "amd64")), "hardware.cores");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 1, 0, 1, "amd64")), "hardware.memoryMb");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 1, 1, -1, "amd64")), "hardware.diskMb");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 1, 1, 1, null)), "hardware.arch is required");
        assertInvalid(() -> Validation.hardware(new Hardware("c", 1, 1, 1, "x86 64")), "hardware.arch");
        assertInvalid(() -> Validation.hardware(new Hardware("c".repeat(129), 1, 1, 1, "amd64")), "hardware.cpuModel");
    }
}
