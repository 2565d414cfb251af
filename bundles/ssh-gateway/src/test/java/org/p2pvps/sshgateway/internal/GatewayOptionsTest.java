package org.p2pvps.sshgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GatewayOptionsTest {

    private static final Path DATA = Path.of("/var/lib/p2pvps/data");

    private static GatewayOptions options(Map<String, Object> values) {
        return GatewayOptions.from(TestConfig.of(values), DATA);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayOptions options = options(Map.of());
        assertThat(options.listenAddress()).isEqualTo("0.0.0.0");
        assertThat(options.listenPort()).isEqualTo(2222);
        assertThat(options.renterBindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.hostKeyFile()).isEqualTo(DATA.resolve("ssh-gateway/host_key"));
        assertThat(options.maxSessionsPerDevice()).isEqualTo(1);
        assertThat(options.authTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.rekeyLimitBytes()).isEqualTo(1L << 30);
    }

    @Test
    void theReKeyLimitIsGivenInMebibytesWithinItsBounds() {
        assertThat(options(Map.of("rekey.limit.megabytes", 65536)).rekeyLimitBytes()).isEqualTo(64L << 30);
        assertThatThrownBy(() -> options(Map.of("rekey.limit.megabytes", 0)))
                .hasMessage("rekey.limit.megabytes must be 1-65536");
        assertThatThrownBy(() -> options(Map.of("rekey.limit.megabytes", 65537)))
                .hasMessage("rekey.limit.megabytes must be 1-65536");
    }

    @Test
    void anExplicitHostKeyFileIsKept() {
        assertThat(options(Map.of("host.key.file", " /etc/p2pvps/gw_key ")).hostKeyFile())
                .isEqualTo(Path.of("/etc/p2pvps/gw_key"));
    }

    @Test
    void addressesMustBeLiteralIps() {
        assertThat(options(Map.of("renter.bind.address", " 127.0.0.1 ")).renterBindAddress()).isEqualTo("127.0.0.1");
        assertThat(options(Map.of("listen.address", "::1")).listenAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> options(Map.of("renter.bind.address", "example.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renter.bind.address");
        assertThatThrownBy(() -> options(Map.of("listen.address", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listen.address");
    }

    @Test
    void badLimitsFailWithTheirName() {
        assertThatThrownBy(() -> options(Map.of("listen.port", 70000))).hasMessageContaining("listen.port");
        assertThatThrownBy(() -> options(Map.of("max.sessions.per.device", 0)))
                .hasMessageContaining("max.sessions.per.device");
        assertThatThrownBy(() -> options(Map.of("max.unauthenticated", 0))).hasMessageContaining("max.unauthenticated");
        assertThatThrownBy(() -> options(Map.of("channel.packet.bytes", 100))).hasMessageContaining("channel.packet.bytes");
    }

    @Test
    void aValueThatIsNoNumberFailsWithItsName() {
        // what Config Admin hands over from a .cfg line such as "listen.port = 22x"
        assertThatThrownBy(() -> options(Map.of("listen.port", "22x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("listen.port must be a whole number");
        assertThatThrownBy(() -> options(Map.of("keep.alive.seconds", "often")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("keep.alive.seconds must be a whole number");
    }

    @Test
    void anIdleTimeoutShorterThanTheKeepAliveIsRefused() {
        assertThatThrownBy(() -> options(Map.of("idle.timeout.seconds", 20, "keep.alive.seconds", 30)))
                .hasMessageContaining("idle.timeout.seconds");
        assertThat(options(Map.of("idle.timeout.seconds", 0)).idleTimeout()).isZero();
    }
}
