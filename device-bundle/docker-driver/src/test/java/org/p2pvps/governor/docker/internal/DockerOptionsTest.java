package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.p2pvps.governor.docker.internal.DockerOptions.Network;

class DockerOptionsTest {

    @Test
    void defaultsAreASafeRealDevice() {
        DockerOptions options = DockerOptions.from(config(Map.of()));

        assertThat(options).isEqualTo(new DockerOptions("p2pvps/device:bookworm", Network.BRIDGE, 2022, 1.0, 512, 256,
                "unix:///var/run/docker.sock", Duration.ofSeconds(60)));
    }

    @Test
    void readsEveryKeyAsTheCfgFileNamesIt() {
        DockerOptions options = DockerOptions.from(config(Map.of("container.image", " my/image:1 ", "container.network", "host",
                "ssh.port", 10022, "cpus", 0.5, "memory.mb", 0L, "pids.limit", 64L, "docker.host", "unix:///run/docker.sock",
                "start.timeout.seconds", 5)));

        assertThat(options).isEqualTo(new DockerOptions("my/image:1", Network.HOST, 10022, 0.5, 0, 64,
                "unix:///run/docker.sock", Duration.ofSeconds(5)));
    }

    @Test
    void badValuesFailWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("container.network", "nat"))))
                .hasMessageContaining("container.network must be bridge or host, not 'nat'");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("container.image", " "))))
                .hasMessageContaining("container.image");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("ssh.port", 70000)))).hasMessageContaining("ssh.port");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("cpus", -1.0)))).hasMessageContaining("cpus");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("memory.mb", 4L)))).hasMessageContaining("memory.mb");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("pids.limit", 3L)))).hasMessageContaining("pids.limit");
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("start.timeout.seconds", 0))))
                .hasMessageContaining("start.timeout.seconds");
    }

    @Test
    void onlyAUnixSocketReachesDocker() {
        // the Engine API over plain TCP is root on the device for anyone who reaches the port
        assertThatThrownBy(() -> DockerOptions.from(config(Map.of("docker.host", "tcp://127.0.0.1:2375"))))
                .hasMessageContaining("docker.host must be the daemon's unix socket");
    }

    /** The config as Config Admin and SCR hand it over: defaults, with some keys (named as in the .cfg) set. */
    static DockerDriverConfig config(Map<String, Object> values) {
        return (DockerDriverConfig) Proxy.newProxyInstance(DockerDriverConfig.class.getClassLoader(),
                new Class<?>[] {DockerDriverConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> DockerDriverConfig.class;
                    case "toString", "hashCode", "equals" -> throw new UnsupportedOperationException(method.getName());
                    default -> values.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
                });
    }
}
