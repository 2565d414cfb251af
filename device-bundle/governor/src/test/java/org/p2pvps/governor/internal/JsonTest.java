package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatTheServerSends() {
        Map<String, Object> json = Json.parseObject("""
                {"state":"RENTED","heartbeatIntervalSeconds":30,"serverTime":"2030-01-01T00:00:00Z",
                 "rentalId":"r1","login":"u_ab12","passwordHash":"$6$s$h","authorizedKeys":["ssh-ed25519 AAAA x"],
                 "expiresAt":"2030-01-01T01:00:00Z","extra":{"n":[1,2.5,-3e2,true,false,null]},"esc":"a\\"b\\\\c\\u00e9\\n"}
                """);
        assertThat(json.get("heartbeatIntervalSeconds")).isEqualTo(new BigDecimal("30"));
        assertThat(json.get("esc")).isEqualTo("a\"b\\c\u00e9\n");
        assertThat(((Map<?, ?>) json.get("extra")).get("n")).asList().containsExactly(new BigDecimal("1"),
                new BigDecimal("2.5"), new BigDecimal("-3e2"), true, false, null);
        DesiredState d = DesiredState.fromJson(json, problem -> { });
        assertThat(d.state()).isEqualTo(DesiredState.Kind.RENTED);
        assertThat(d.heartbeatIntervalSeconds()).isEqualTo(30);
        assertThat(d.expiresAt()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
        assertThat(d.environment().authorizedKeys()).containsExactly("ssh-ed25519 AAAA x");
        List<String> gatewayProblems = new ArrayList<>();
        assertThat(DesiredState.fromJson(Json.parseObject(
                "{\"state\":\"AVAILABLE\",\"heartbeatIntervalSeconds\":5,\"serverTime\":\"2030-01-01T00:00:00Z\"}"),
                gatewayProblems::add))
                .isEqualTo(DesiredState.available(5, Instant.parse("2030-01-01T00:00:00Z"), null));
        assertThat(DesiredState.fromJson(Json.parseObject("{\"state\":\"AVAILABLE\",\"heartbeatIntervalSeconds\":5,"
                + "\"gateway\":{\"host\":\"gw.example.org\",\"port\":22,\"hostKeyFingerprint\":\"SHA256:abc\"}}"),
                gatewayProblems::add).gateway())
                .isEqualTo(new GatewayAddress("gw.example.org", 22, "SHA256:abc"));
        DesiredState badGateway = DesiredState.fromJson(Json.parseObject(
                "{\"state\":\"AVAILABLE\",\"gateway\":{\"host\":\"gw.example.org\",\"port\":0}}"),
                gatewayProblems::add);
        assertThat(badGateway.state()).as("still what to run").isEqualTo(DesiredState.Kind.AVAILABLE);
        assertThat(badGateway.gateway()).as("the gateway unread, the device keeps its own").isNull();
        assertThat(gatewayProblems).as("no problem, none, then why").hasSize(3).startsWith(null, null)
                .last().asString().contains("port");
    }

    @Test
    void writesWhatTheServerReads() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\n\u0001");
        m.put("n", 42L);
        m.put("l", List.of(true, "x"));
        m.put("z", null);
        String text = Json.write(m);
        assertThat(text).isEqualTo("{\"s\":\"q\\\"\\\\\\n\\u0001\",\"n\":42,\"l\":[true,\"x\"],\"z\":null}");
        assertThat(Json.parse(text)).isEqualTo(Json.parseObject(text));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "\"open", "tru", "{\"a\":01x}",
                "[".repeat(100)}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Json.parseObject("[]")).hasMessageContaining("object");
        assertThatThrownBy(() -> DesiredState.fromJson(Json.parseObject("{\"state\":\"RESET\"}"), problem -> { }))
                .hasMessageContaining("RESET");
        assertThatThrownBy(() -> DesiredState.fromJson(Json.parseObject("{\"state\":\"RENTED\"}"), problem -> { }))
                .hasMessageContaining("rentalId");
    }
}
