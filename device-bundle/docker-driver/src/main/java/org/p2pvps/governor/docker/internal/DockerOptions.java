package org.p2pvps.governor.docker.internal;

import java.time.Duration;
import java.util.Locale;

/** The driver's configuration, validated once so that bad values fail activation with a clear message. */
record DockerOptions(
        String image,
        Network network,
        int sshPort,
        double cpus,
        long memoryMb,
        long pidsLimit,
        String dockerHost,
        Duration startTimeout) {

    /** Where the container's sshd sits on the network. */
    enum Network {
        /** The container's own network namespace; port 22 published on 127.0.0.1 of the device. */
        BRIDGE,
        /** The device's network namespace; sshd itself listens on 127.0.0.1. */
        HOST;

        String dockerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Docker refuses memory limits below 6 MB; sshd and a shell need far more anyway. */
    static final long MIN_MEMORY_MB = 16;

    static DockerOptions from(DockerDriverConfig config) {
        String image = config.container_image() == null ? "" : config.container_image().trim();
        require(!image.isEmpty() && !image.matches(".*\\s.*"), "container.image must name an image, such as p2pvps/device:bookworm");
        String network = config.container_network() == null ? "" : config.container_network().trim();
        require(network.equals("bridge") || network.equals("host"),
                "container.network must be bridge or host, not '" + config.container_network() + "'");
        require(config.ssh_port() >= 1 && config.ssh_port() <= 65535, "ssh.port must be 1-65535");
        require(config.cpus() >= 0 && config.cpus() <= 1024, "cpus must be 0 (no limit) or a positive number of CPUs");
        require(config.memory_mb() == 0 || config.memory_mb() >= MIN_MEMORY_MB,
                "memory.mb must be 0 (no limit) or at least " + MIN_MEMORY_MB);
        require(config.pids_limit() == 0 || config.pids_limit() >= 16, "pids.limit must be 0 (no limit) or at least 16");
        String host = config.docker_host() == null ? "" : config.docker_host().trim();
        require(host.matches("unix:///\\S+"), "docker.host must be the daemon's unix socket, such as unix:///var/run/docker.sock, not '"
                + config.docker_host() + "'");
        require(config.start_timeout_seconds() >= 1, "start.timeout.seconds must be at least 1");
        return new DockerOptions(image, Network.valueOf(network.toUpperCase(Locale.ROOT)), config.ssh_port(), config.cpus(),
                config.memory_mb(), config.pids_limit(), host, Duration.ofSeconds(config.start_timeout_seconds()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
