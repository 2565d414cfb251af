package org.p2pvps.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * An operator edits etc/org.p2pvps.registry.cfg on a running server: a valid change is published (the API
 * restarts with it), an invalid one is refused and the registry keeps serving with the settings it has.
 */
class RegistryConfigurationTest {

    private final List<String> published = new ArrayList<>();

    private Runnable publish(RegistrySettings settings) {
        String shown = settings.registry().sessionTtl().toHours() + "h";
        published.add("published " + shown);
        return () -> published.add("withdrawn " + shown);
    }

    private static RegistryConfig config(Map<String, Object> values) {
        return TestRegistryConfig.of(values);
    }

    @Test
    void validSettingsArePublishedAndAChangeReplacesThem() {
        RegistryConfiguration configuration = new RegistryConfiguration(this::publish, config(Map.of()));
        configuration.modified(config(Map.of("session_ttl_hours", 24)));
        configuration.deactivate();

        assertThat(published).containsExactly("published 12h", "withdrawn 12h", "published 24h", "withdrawn 24h");
    }

    @Test
    void anInvalidChangeKeepsTheSettingsInForce() {
        RegistryConfiguration configuration = new RegistryConfiguration(this::publish, config(Map.of()));

        configuration.modified(config(Map.of("password_hash_cost", 99)));
        configuration.modified(config(Map.of("session_ttl_hours", "12h")));
        configuration.modified(config(Map.of("rental_sweep_interval_seconds", 0)));

        assertThat(published).containsExactly("published 12h");
    }

    @Test
    void theSameSettingsSavedAgainAreNotPublishedAgain() {
        RegistryConfiguration configuration = new RegistryConfiguration(this::publish, config(Map.of()));

        configuration.modified(config(Map.of("session_ttl_hours", 12)));

        assertThat(published).containsExactly("published 12h");
    }

    @Test
    void invalidSettingsAtStartPublishNothingUntilFixed() {
        RegistryConfiguration configuration = new RegistryConfiguration(this::publish,
                config(Map.of("tunnel_port_min", 7000, "tunnel_port_max", 6000)));
        assertThat(published).isEmpty();

        configuration.modified(config(Map.of("session_ttl_hours", 6)));

        assertThat(published).containsExactly("published 6h");
    }
}
