package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.p2pvps.governor.container.ContainerDriver;

class GovernorOptionsTest {

    /** A config as Config Admin would give it: defaults, overridden by {@code values}. */
    static GovernorConfig config(Map<String, Object> values) {
        return (GovernorConfig) java.lang.reflect.Proxy.newProxyInstance(GovernorConfig.class.getClassLoader(),
                new Class<?>[] {GovernorConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return GovernorConfig.class;
                    }
                    String key = method.getName().replace('_', '.');
                    return values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                });
    }

    private static GovernorOptions parse(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        values.put("server.url", "http://srv.example:8181");
        values.put("device.id", "dev-1");
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return GovernorOptions.parse(config(values), Path.of("/data"));
    }

    @Test
    void defaults() {
        GovernorOptions o = parse();
        assertThat(o.apiBase()).hasToString("http://srv.example:8181/api/v1");
        assertThat(o.driver()).isEqualTo("local-sshd");
        assertThat(o.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(o.heartbeatInterval()).isZero();
        assertThat(o.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.gatewayHost()).isEmpty();
        assertThat(o.gatewayPort()).isZero();
        assertThat(o.registrationToken()).isEmpty();
    }

    @Test
    void theApiPathIsAddedOnce() {
        assertThat(GovernorOptions.apiBase("https://p2pvps.example.org")).hasToString("https://p2pvps.example.org/api/v1");
        assertThat(GovernorOptions.apiBase("https://p2pvps.example.org/")).hasToString("https://p2pvps.example.org/api/v1");
        assertThat(GovernorOptions.apiBase("http://h:8181/api/v1/")).hasToString("http://h:8181/api/v1");
        assertThat(GovernorOptions.apiBase("http://h/p2p")).hasToString("http://h/p2p/api/v1");
    }

    @Test
    void valuesAreTrimmedAndTheDriverLowerCased() {
        GovernorOptions o = parse("device.id", "  dev-2 ", "container.driver", " Docker ", "registration.token", " t ");
        assertThat(o.deviceId()).isEqualTo("dev-2");
        assertThat(o.driver()).isEqualTo("docker");
        assertThat(o.registrationToken()).isEqualTo("t");
    }

    @Test
    void theServersWordOnTheGatewayIsTrustedOverHttpsOrOnThisMachineOnly() {
        for (String url : new String[] {"https://p2pvps.example.org", "HTTPS://p2pvps.example.org:8443",
                "http://127.0.0.1:8181", "http://localhost:8181", "http://[::1]:8181", "http://[0:0:0:0:0:0:0:1]"}) {
            assertThat(parse("server.url", url).serverAnswersTrusted()).as(url).isTrue();
        }
        for (String url : new String[] {"http://p2pvps.example.org", "http://192.168.1.10:8181", "http://127.example.net"}) {
            assertThat(parse("server.url", url).serverAnswersTrusted()).as(url).isFalse();
        }
    }

    @Test
    void badSettingsSayWhichOne() {
        assertThatThrownBy(() -> parse("server.url", "")).hasMessageContaining("server.url is not set");
        assertThatThrownBy(() -> parse("server.url", "ftp://x")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> parse("server.url", "http://x?a=b")).hasMessageContaining("query");
        assertThatThrownBy(() -> parse("device.id", "")).hasMessageContaining("device.id is not set");
        assertThatThrownBy(() -> parse("device.id", "../etc")).hasMessageContaining("not a device id");
        assertThatThrownBy(() -> parse("backoff.initial.millis", 0L)).hasMessageContaining("backoff");
        assertThatThrownBy(() -> parse("backoff.max.millis", 10L)).hasMessageContaining("backoff");
        assertThatThrownBy(() -> parse("http.timeout.seconds", 0)).hasMessageContaining("http.timeout.seconds");
        assertThatThrownBy(() -> parse("gateway.port", 70000)).hasMessageContaining("gateway.port");
    }

    @Test
    void aRegistrationFitsOnlyTheSameServerAndDevice() {
        GovernorOptions o = parse();
        DeviceState state = new DeviceState("http://srv.example:8181/api/v1", "dev-1", "tok", 6000, "sub", "gw", 2222, null, null);
        assertThat(o.sameDevice(state)).isTrue();
        assertThat(o.sameDevice(null)).isFalse();
        assertThat(parse("device.id", "dev-2").sameDevice(state)).isFalse();
        assertThat(parse("server.url", "http://other:8181").sameDevice(state)).isFalse();
    }

    @Test
    void noSettingShadowsTheDriverNameOfADriverConfiguredFromTheGovernorsPid() {
        // Config Admin properties override a component's own: local-sshd, configured from this pid, would
        // register under the configured driver's name (it did, as "docker", when both were "container.driver")
        assertThat(Arrays.stream(GovernorConfig.class.getDeclaredMethods()).map(m -> m.getName().replace('_', '.')))
                .isNotEmpty().doesNotContain(ContainerDriver.DRIVER_PROPERTY);
    }
}
