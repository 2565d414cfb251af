package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.p2pvps.governor.docker.internal.RealDocker.command;
import static org.p2pvps.governor.docker.internal.RealDocker.docker;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.ContainerStatus.State;
import org.p2pvps.governor.container.RenterEnvironment;
import org.p2pvps.governor.docker.internal.DockerOptions.Network;

/**
 * The driver against the machine's real Docker and the offline-built device image, with host networking
 * (the test daemon has no bridge), checked from outside as a renter and an owner would: OpenSSH's client
 * and the docker CLI.
 */
class DockerContainerDriverTest {

    private static final String MANAGED = "label=" + ContainerSpec.MANAGED + "=true";

    private final List<DockerContainerDriver> drivers = new ArrayList<>();
    private int port;
    private DockerContainerDriver driver;

    @BeforeAll
    static void realDocker() {
        RealDocker.require();
    }

    @BeforeEach
    void newDriver() throws Exception {
        RealDocker.removeEverythingOurs();
        port = RealDocker.freePort();
        driver = driver(RealDocker.IMAGE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (DockerContainerDriver each : drivers) {
            each.deactivate();
        }
        RealDocker.removeEverythingOurs();
    }

    @Test
    void renterLogsInWithPasswordAndKeepsFilesInHome() throws Exception {
        String password = "pw-" + UUID.randomUUID();

        driver.start(renter("rental-1", "alice", hash(password), List.of()));

        assertThat(driver.status()).isEqualTo(new ContainerStatus(State.RUNNING, "rental-1", "SSH answers on 127.0.0.1:" + port));
        assertThat(sshWithPassword("alice", password, "echo hi > ~/f; cat ~/f; pwd; id -un"))
                .isEqualTo(new RealDocker.Result(0, "hi\n/home/alice\nalice\n"));
        assertThat(sshWithPassword("alice", "wrong", "true").exitCode()).isNotZero();
        assertThat(sshWithPassword("root", password, "true").exitCode()).isNotZero();
    }

    @Test
    void renterLogsInWithAuthorizedKey(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("id_ed25519");
        assertThat(command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bob@laptop", "-f", key.toString()).exitCode()).isZero();

        driver.start(renter("rental-2", "bob", null, List.of(Files.readString(dir.resolve("id_ed25519.pub")).strip())));

        assertThat(command("ssh", "-p", Integer.toString(port), "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "bob@127.0.0.1", "whoami"))
                .isEqualTo(new RealDocker.Result(0, "bob\n"));
        // no hash: password login is off altogether
        assertThat(sshWithPassword("bob", "", "true").exitCode()).isNotZero();
    }

    @Test
    void resetRemovesContainerAndVolume() throws Exception {
        driver.start(renter("rental-3", "carol", hash("pw"), List.of()));
        assertThat(docker("ps", "-aq", "--filter", MANAGED)).isNotEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).startsWith("p2pvps-home-rental-3-");

        driver.reset();

        assertThat(docker("ps", "-aq", "--filter", MANAGED)).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).isEmpty();
        assertThat(driver.status()).isEqualTo(ContainerStatus.none());
        driver.reset(); // harmless when nothing runs
    }

    @Test
    void theNextRenterFindsNothingOfThePreviousOne() throws Exception {
        driver.start(renter("rental-4", "dave", hash("first"), List.of()));
        assertThat(sshWithPassword("dave", "first", "echo private > ~/secret && ls ~").output()).isEqualTo("secret\n");

        driver.start(renter("rental-5", "dave", hash("second"), List.of()));

        assertThat(sshWithPassword("dave", "first", "true").exitCode()).isNotZero();
        assertThat(sshWithPassword("dave", "second", "ls -A ~; cat ~/secret 2>&1 || echo gone"))
                .isEqualTo(new RealDocker.Result(0, ".bash_logout\n.bashrc\n.profile\n.ssh\ncat: /home/dave/secret: No such file or directory\ngone\n"));
        assertThat(docker("ps", "-a", "--format", "{{.Names}}", "--filter", MANAGED)).isEqualTo("p2pvps-rental-5");
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).startsWith("p2pvps-home-rental-5-").doesNotContain("\n");
    }

    @Test
    void statusTellsTheTruthAfterTheContainerIsKilled() throws Exception {
        driver.start(renter("rental-6", "erin", hash("pw"), List.of()));

        docker("kill", "p2pvps-rental-6");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ContainerStatus status = driver.status();
            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.rentalId()).isEqualTo("rental-6");
            assertThat(status.message()).startsWith("the container stopped with exit code 137");
        });
        docker("rm", "-f", "p2pvps-rental-6");
        assertThat(driver.status()).isEqualTo(ContainerStatus.none());
    }

    @Test
    void activationRemovesLeftoversAndAdoptsARunningRental() throws Exception {
        driver.start(renter("rental-7", "frank", hash("pw"), List.of()));
        String running = docker("ps", "-q", "--no-trunc", "--filter", MANAGED);
        // what a crashed earlier run might leave: a stopped container and a stray volume, both ours
        docker("volume", "create", "--label", ContainerSpec.MANAGED + "=true", "--label", ContainerSpec.RENTAL + "=old", "p2pvps-home-old");
        docker("create", "--name", "p2pvps-old", "--label", ContainerSpec.MANAGED + "=true", "--label", ContainerSpec.RENTAL + "=old",
                "--network", "host", RealDocker.IMAGE);
        String notOurs = docker("create", "--network", "host", RealDocker.IMAGE);
        try {
            DockerContainerDriver restarted = driver(RealDocker.IMAGE);

            assertThat(docker("ps", "-aq", "--no-trunc", "--filter", MANAGED)).isEqualTo(running);
            assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).startsWith("p2pvps-home-rental-7-").doesNotContain("\n");
            assertThat(docker("ps", "-aq", "--no-trunc", "--filter", "id=" + notOurs)).isEqualTo(notOurs);
            assertThat(restarted.status()).isEqualTo(new ContainerStatus(State.RUNNING, "rental-7", "SSH answers on 127.0.0.1:" + port));
        } finally {
            docker("rm", "-f", notOurs);
        }
    }

    @Test
    void activationStartsAStoppedRentalAgainWithItsFiles() throws Exception {
        driver.start(renter("rental-10", "ivan", hash("pw"), List.of()));
        assertThat(sshWithPassword("ivan", "pw", "echo survived > ~/note").exitCode()).isZero();
        // what a reboot may leave when the runtime starts before Docker's restart policy: a stopped container
        docker("stop", "-t", "1", "p2pvps-rental-10");

        DockerContainerDriver afterReboot = driver(RealDocker.IMAGE);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(afterReboot.status())
                .isEqualTo(new ContainerStatus(State.RUNNING, "rental-10", "SSH answers on 127.0.0.1:" + port)));
        assertThat(sshWithPassword("ivan", "pw", "cat ~/note")).isEqualTo(new RealDocker.Result(0, "survived\n"));
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).startsWith("p2pvps-home-rental-10-").doesNotContain("\n");
    }

    @Test
    void aContainerForAnotherPortIsNotAdopted() throws Exception {
        driver.start(renter("rental-8", "gina", hash("pw"), List.of()));
        port = RealDocker.freePort();

        DockerContainerDriver otherPort = driver(RealDocker.IMAGE);

        assertThat(docker("ps", "-aq", "--filter", MANAGED)).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).isEmpty();
        assertThat(otherPort.status()).isEqualTo(ContainerStatus.none());
    }

    @Test
    void limitsLabelsAndRestartPolicyAreApplied() throws Exception {
        driver.start(renter("rental-9", "hank", hash("pw"), List.of()));

        String inspect = docker("inspect", "--format", String.join(" ", "{{.HostConfig.NanoCpus}}", "{{.HostConfig.Memory}}",
                "{{.HostConfig.PidsLimit}}", "{{.HostConfig.RestartPolicy.Name}}", "{{.HostConfig.NetworkMode}}",
                "{{range .Mounts}}{{.Type}}:{{.Destination}}{{end}}", "{{index .Config.Labels \"org.p2pvps.rental\"}}",
                "{{index .Config.Labels \"org.p2pvps.login\"}}"), "p2pvps-rental-9");
        assertThat(inspect).isEqualTo("500000000 268435456 100 unless-stopped host volume:/home rental-9 hank");
        // the renter's secrets are files inside the container, not part of its configuration
        assertThat(docker("inspect", "p2pvps-rental-9")).doesNotContain("$6$").doesNotContain("hank:");
        assertThat(sshWithPassword("hank", "pw", "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max").output())
                .isEqualTo("100\n");
    }

    @Test
    void aFailedStartSaysWhyAndLeavesNothing() throws Exception {
        DockerContainerDriver noImage = driver("p2pvps/no-such-image:1");
        assertThatThrownBy(() -> noImage.start(renter("rental-10", "ivy", hash("pw"), List.of())))
                .isInstanceOf(ContainerException.class)
                .hasMessageContaining("The image p2pvps/no-such-image:1 is not on this device")
                .hasMessageContaining("build-offline.sh");

        // the entrypoint refuses a system account the driver does not know of; its words reach the exception
        assertThatThrownBy(() -> driver.start(renter("rental-11", "sshd", hash("pw"), List.of())))
                .isInstanceOf(ContainerException.class)
                .hasMessageContaining("stopped while starting")
                .hasMessageContaining("login 'sshd' is a system account");

        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> driver.start(renter("rental-12", "ivy", hash("pw"), List.of())))
                    .hasMessageContaining("another program already listens on 127.0.0.1:" + port);
        }
        assertThat(docker("ps", "-aq", "--filter", MANAGED)).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", MANAGED)).isEmpty();
        assertThat(driver.status()).isEqualTo(ContainerStatus.none());
    }

    private DockerContainerDriver driver(String image) {
        DockerContainerDriver created = new DockerContainerDriver(new DockerOptions(image, Network.HOST, port, 0.5, 256, 100,
                RealDocker.SOCKET, Duration.ofSeconds(30)));
        drivers.add(created);
        return created;
    }

    private static RenterEnvironment renter(String rental, String login, String hash, List<String> keys) {
        return new RenterEnvironment(rental, login, hash, keys, Instant.now().plus(Duration.ofHours(1)));
    }

    private static String hash(String password) {
        RealDocker.Result result = command("openssl", "passwd", "-6", password);
        assertThat(result.exitCode()).isZero();
        return result.output().strip();
    }

    private RealDocker.Result sshWithPassword(String login, String password, String remoteCommand) {
        return command("sshpass", "-p", password, "ssh", "-p", Integer.toString(port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PreferredAuthentications=password",
                "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1", login + "@127.0.0.1", remoteCommand);
    }
}
