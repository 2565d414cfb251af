package org.p2pvps.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2pvps.store.internal.MongoStoreComponentTest.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * An operator edits etc/org.p2pvps.store.cfg on a running server: a valid change is published (the store and
 * the registry restart with it), an invalid one is refused and the store keeps serving as it was.
 */
class StoreConfigurationTest {

    private final List<String> published = new ArrayList<>();

    private Runnable publish(StoreOptions options) {
        String shown = options.embedded() ? "embedded:" + options.embeddedPort() : options.externalUri();
        published.add("published " + shown);
        return () -> published.add("withdrawn " + shown);
    }

    @Test
    void validOptionsArePublishedAndAChangeReplacesThem() {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", config("", "p2pvps", "", 0));
        configuration.modified(config("", "p2pvps", "", 27017));
        configuration.deactivate();

        assertThat(published).containsExactly("published embedded:0", "withdrawn embedded:0",
                "published embedded:27017", "withdrawn embedded:27017");
    }

    @Test
    void anInvalidChangeKeepsTheStoreAsItIs() {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data", config("", "p2pvps", "", 0));

        configuration.modified(config("", "p2pvps", "", 99999));
        configuration.modified(config("http://db:27017", "p2pvps", "", 0));
        configuration.modified(config("", "bad name", "", 0));
        configuration.modified(config("", "p2pvps", "", 0));

        assertThat(published).containsExactly("published embedded:0");
    }

    @Test
    void anInvalidConfigurationAtStartPublishesNothingUntilFixed() {
        StoreConfiguration configuration = new StoreConfiguration(this::publish, "/data",
                config("", "p2pvps", "", 99999));
        assertThat(published).isEmpty();

        configuration.modified(config("mongodb://db:27017", "p2pvps", "", 0));

        assertThat(published).containsExactly("published mongodb://db:27017");
    }
}
