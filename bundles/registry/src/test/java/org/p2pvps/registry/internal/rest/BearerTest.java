package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTest {

    @Test
    void readsTheTokenOfABearerHeaderInAnyCase() {
        assertThat(Bearer.token("Bearer abc")).isEqualTo("abc");
        assertThat(Bearer.token("bearer   abc  ")).isEqualTo("abc");
        assertThat(Bearer.token("BEARER abc")).isEqualTo("abc");
    }

    @Test
    void anythingElseIsNoToken() {
        assertThat(Bearer.token(null)).isNull();
        assertThat(Bearer.token("")).isNull();
        assertThat(Bearer.token("Bearer")).isNull();
        assertThat(Bearer.token("Bearer    ")).isNull();
        assertThat(Bearer.token("Basic dXNlcjpwYXNz")).isNull();
        assertThat(Bearer.token("Bearerabc")).isNull();
    }
}
