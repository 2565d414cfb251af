package org.p2pvps.registry.internal;

import java.time.Duration;

/** Registry options for tests: the defaults, but a cheap password hash and a small body limit. */
public final class TestOptions {

    public static final int BODY_LIMIT = 16 * 1024;

    private TestOptions() {
    }

    public static RegistryOptions withPorts(int min, int max) {
        return new RegistryOptions(Duration.ofHours(12), PortRange.of(min, max), Duration.ofSeconds(30),
                Duration.ofSeconds(90), "gateway.example.org", 2222, 4, BODY_LIMIT);
    }

    public static RegistryOptions defaults() {
        return withPorts(6000, 6999);
    }
}
