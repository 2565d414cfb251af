package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void timeIsIsoUtcToTheSecond() {
        assertThat(Formats.time(Instant.parse("2024-03-05T10:15:30.987654321Z"))).isEqualTo("2024-03-05T10:15:30Z");
        assertThat(Formats.time(Instant.parse("2024-03-05T10:15:00Z"))).isEqualTo("2024-03-05T10:15:00Z");
    }

    @Test
    void absentValuesShowAsDash() {
        assertThat(Formats.time(null)).isEqualTo("-");
        assertThat(Formats.text(null)).isEqualTo("-");
        assertThat(Formats.text("  ")).isEqualTo("-");
    }

    @Test
    void presentValuesShowAsText() {
        assertThat(Formats.text(6001)).isEqualTo("6001");
        assertThat(Formats.text("pi")).isEqualTo("pi");
        assertThat(Formats.yesNo(true)).isEqualTo("yes");
        assertThat(Formats.yesNo(false)).isEqualTo("no");
    }
}
