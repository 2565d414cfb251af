package org.p2pvps.governor.docker.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import org.p2pvps.governor.container.RenterEnvironment;
import org.p2pvps.governor.docker.internal.DockerOptions.Network;

/**
 * What the driver asks Docker for, for one rental: names, labels and limits. Plain values, so that tests
 * check them without a daemon.
 *
 * @param containerName {@code p2pvps-<rental>}
 * @param volumeName {@code p2pvps-home-<rental>-<random>}: never an existing volume, so never old data
 */
record ContainerSpec(String containerName, String volumeName, Map<String, String> labels, List<String> env,
        List<ExposedPort> exposedPorts, HostConfig hostConfig) {

    /** Marks every container and volume this driver made; nothing else is ever touched. */
    static final String MANAGED = "org.p2pvps.managed";
    static final String RENTAL = "org.p2pvps.rental";
    static final String LOGIN = "org.p2pvps.login";
    static final String SSH_PORT = "org.p2pvps.ssh.port";
    static final String NETWORK = "org.p2pvps.network";

    static final String HOME = "/home";
    private static final ExposedPort SSH = ExposedPort.tcp(22);
    private static final SecureRandom RANDOM = new SecureRandom();

    static ContainerSpec of(DockerOptions options, RenterEnvironment environment) {
        String rental = nameSafe(environment.rentalId());
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String volume = "p2pvps-home-" + rental + "-" + HexFormat.of().formatHex(suffix);
        Map<String, String> labels = Map.of(
                MANAGED, "true",
                RENTAL, environment.rentalId(),
                LOGIN, environment.login(),
                SSH_PORT, Integer.toString(options.sshPort()),
                NETWORK, options.network().dockerName());

        boolean host = options.network() == Network.HOST;
        List<String> env = host
                ? List.of("P2PVPS_SSH_LISTEN=127.0.0.1", "P2PVPS_SSH_PORT=" + options.sshPort())
                : List.of("P2PVPS_SSH_LISTEN=0.0.0.0", "P2PVPS_SSH_PORT=22");
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(options.network().dockerName())
                .withBinds(new Bind(volume, new Volume(HOME)))
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                // a renter has no use for raw sockets or device nodes; everything sshd and useradd need stays
                .withCapDrop(Capability.NET_RAW, Capability.MKNOD)
                // the device's storage is often an SD card: sshd's log must not grow without end
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "2")));
        if (!host) {
            hostConfig.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", options.sshPort()), SSH));
        }
        if (options.cpus() > 0) {
            hostConfig.withNanoCPUs(Math.round(options.cpus() * 1_000_000_000d));
        }
        if (options.memoryMb() > 0) {
            long bytes = options.memoryMb() * 1024 * 1024;
            hostConfig.withMemory(bytes).withMemorySwap(bytes);
        }
        if (options.pidsLimit() > 0) {
            hostConfig.withPidsLimit(options.pidsLimit());
        }
        return new ContainerSpec("p2pvps-" + rental, volume, labels, env, host ? List.of() : List.of(SSH), hostConfig);
    }

    /** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; the label keeps the exact rental id. */
    static String nameSafe(String rentalId) {
        String safe = rentalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+", "");
        safe = safe.length() > 48 ? safe.substring(0, 48) : safe;
        return safe.isEmpty() ? "rental" : safe;
    }
}
