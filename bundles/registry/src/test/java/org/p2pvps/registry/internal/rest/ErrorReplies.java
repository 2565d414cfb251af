package org.p2pvps.registry.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every refused request must look like: JSON {@code {"error","message"}}, the right status, no Java internals. */
final class ErrorReplies {

    private ErrorReplies() {
    }

    static void assertError(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("%s", reply).startsWith("application/json");
        JsonNode json = reply.json();
        assertThat(json.get("error").asText()).as("%s", reply).isEqualTo(code);
        assertThat(json.get("message").asText()).as("%s", reply).isNotBlank();
        assertNoInternals(reply);
    }

    static void assertNoInternals(Http.Reply reply) {
        assertThat(reply.body()).as("%s", reply)
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("at java.")
                .doesNotContain("com.fasterxml")
                .doesNotContain("org.p2pvps")
                .doesNotContain("java.lang");
    }
}
