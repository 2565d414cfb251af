package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryOptionsTest {

    private static RegistryConfig config(Map<String, Object> values) {
        return TestRegistryConfig.of(values);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RegistryOptions options = RegistryOptions.from(config(Map.of()));

        assertThat(options.sessionTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(options.tunnelPorts()).isEqualTo(new PortRange(6000, 6999));
        assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.onlineWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.requestBodyMaxBytes()).isEqualTo(65536);
    }

    @Test
    void badValuesFailWithAMessageNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("session_ttl_hours", 0))))
                .withMessageContaining("session.ttl.hours");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("online_window_seconds", 30))))
                .withMessageContaining("online.window.seconds");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("tunnel_port_min", 7000, "tunnel_port_max", 6000))))
                .withMessageContaining("7000-6000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("password_hash_cost", 3))))
                .withMessageContaining("password.hash.cost");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("gateway_host", " "))))
                .withMessageContaining("gateway.host");
    }

    @Test
    void aValueThatIsNoNumberFailsWithItsName() {
        // what Config Admin hands over from a .cfg line such as "session.ttl.hours = 12h"
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryOptions.from(config(Map.of("session_ttl_hours", "12h"))))
                .withMessage("session.ttl.hours must be a whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistrySettings.from(config(Map.of("rental_max_count", "many"))))
                .withMessage("rental.max.count must be a whole number");
    }

    @Test
    void onlineMeansSeenWithinTheWindow() {
        RegistryOptions options = RegistryOptions.from(config(Map.of()));
        Instant now = Instant.parse("2030-01-01T12:00:00Z");

        assertThat(options.online(now.minusSeconds(90), now)).isTrue();
        assertThat(options.online(now.minusSeconds(91), now)).isFalse();
        assertThat(options.online(null, now)).isFalse();
    }
}
