package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Test;
import org.p2pvps.governor.docker.internal.DockerOptions.Network;

class ContainerSpecTest {

    static DockerOptions options(Network network) {
        return new DockerOptions("p2pvps/device:bookworm", network, 10022, 1.5, 256, 128, "unix:///var/run/docker.sock",
                Duration.ofSeconds(30));
    }

    @Test
    void bridgePublishesSshOnTheDevicesLoopbackOnly() {
        ContainerSpec spec = ContainerSpec.of(options(Network.BRIDGE), RenterFilesTest.env("R-42", "alice", RenterFilesTest.HASH, List.of()));

        HostConfig host = spec.hostConfig();
        assertThat(host.getNetworkMode()).isEqualTo("bridge");
        Ports.Binding[] bindings = host.getPortBindings().getBindings().get(ExposedPort.tcp(22));
        assertThat(bindings).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", 10022));
        assertThat(spec.exposedPorts()).containsExactly(ExposedPort.tcp(22));
        assertThat(spec.env()).containsExactly("P2PVPS_SSH_LISTEN=0.0.0.0", "P2PVPS_SSH_PORT=22");
    }

    @Test
    void hostNetworkPutsSshdItselfOnLoopback() {
        ContainerSpec spec = ContainerSpec.of(options(Network.HOST), RenterFilesTest.env("R-42", "alice", RenterFilesTest.HASH, List.of()));

        assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(spec.hostConfig().getPortBindings()).isNull();
        assertThat(spec.exposedPorts()).isEmpty();
        assertThat(spec.env()).containsExactly("P2PVPS_SSH_LISTEN=127.0.0.1", "P2PVPS_SSH_PORT=10022");
    }

    @Test
    void limitsLabelsAndAFreshVolumeAtHome() {
        ContainerSpec spec = ContainerSpec.of(options(Network.HOST), RenterFilesTest.env("R-42", "alice", RenterFilesTest.HASH, List.of()));
        ContainerSpec again = ContainerSpec.of(options(Network.HOST), RenterFilesTest.env("R-42", "alice", RenterFilesTest.HASH, List.of()));

        HostConfig host = spec.hostConfig();
        assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
        assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
        assertThat(host.getMemorySwap()).isEqualTo(256L * 1024 * 1024);
        assertThat(host.getPidsLimit()).isEqualTo(128L);
        assertThat(host.getRestartPolicy().getName()).isEqualTo("unless-stopped");
        assertThat(host.getCapDrop()).containsExactly(Capability.NET_RAW, Capability.MKNOD);
        assertThat(host.getBinds()).singleElement().satisfies(bind -> {
            assertThat(bind.getPath()).isEqualTo(spec.volumeName());
            assertThat(bind.getVolume().getPath()).isEqualTo("/home");
        });
        assertThat(spec.containerName()).isEqualTo("p2pvps-r-42");
        assertThat(spec.volumeName()).matches("p2pvps-home-r-42-[0-9a-f]{8}").isNotEqualTo(again.volumeName());
        assertThat(spec.labels()).containsEntry("org.p2pvps.managed", "true").containsEntry("org.p2pvps.rental", "R-42")
                .containsEntry("org.p2pvps.login", "alice").containsEntry("org.p2pvps.ssh.port", "10022")
                .containsEntry("org.p2pvps.network", "host");
    }

    @Test
    void zeroMeansNoLimit() {
        DockerOptions unlimited = new DockerOptions("img", Network.HOST, 10022, 0, 0, 0, "unix:///x", Duration.ofSeconds(1));

        HostConfig host = ContainerSpec.of(unlimited, RenterFilesTest.env("r", "alice", RenterFilesTest.HASH, List.of())).hostConfig();

        assertThat(host.getNanoCPUs()).isNull();
        assertThat(host.getMemory()).isNull();
        assertThat(host.getPidsLimit()).isNull();
    }

    @Test
    void rentalIdsBecomeDockerNames() {
        assertThat(ContainerSpec.nameSafe("65f0c2a1-9d1e-4a6b-8c3e-0b1f2e3d4c5b")).isEqualTo("65f0c2a1-9d1e-4a6b-8c3e-0b1f2e3d4c5b");
        assertThat(ContainerSpec.nameSafe("__Rental #7 / é")).isEqualTo("rental-7-");
        assertThat(ContainerSpec.nameSafe("///")).isEqualTo("rental");
        assertThat(ContainerSpec.nameSafe("x".repeat(100))).hasSize(48);
    }
}
