package org.p2pvps.governor.docker.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.ContainerStatus.State;
import org.p2pvps.governor.container.RenterEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code docker} driver: each rental is one container of the configured image, with a fresh named volume
 * at {@code /home}, the renter's credentials copied in before it starts, and sshd on a loopback port of the
 * device. Everything it makes carries the label {@value ContainerSpec#MANAGED}; on activation it adopts the
 * container of a rental from before, starting it again if it stopped (a runtime restart or a reboot keeps the
 * renter's files), and removes any other leftover.
 */
@Component(property = ContainerDriver.DRIVER_PROPERTY + "=docker", configurationPid = "org.p2pvps.governor.docker")
@Designate(ocd = DockerDriverConfig.class)
public final class DockerContainerDriver implements ContainerDriver {

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainerDriver.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final int STOP_SECONDS = 3;

    private final DockerOptions options;
    private final DockerClient docker;
    private final Object lock = new Object();
    // the rental being started, so that status() answers STARTING without waiting for start() to finish
    private volatile String startingRental;
    // whether leftovers from before this activation were adopted or removed; retried while Docker is away
    private volatile boolean reconciled;

    @Activate
    public DockerContainerDriver(DockerDriverConfig config) {
        this(DockerOptions.from(config));
    }

    DockerContainerDriver(DockerOptions options) {
        this.options = options;
        this.docker = client(options);
        LOG.info("Docker driver ready: image {}, {} network, SSH on 127.0.0.1:{}, limits {}, Docker at {}", options.image(),
                options.network().dockerName(), options.sshPort(), limits(), options.dockerHost());
        try {
            synchronized (lock) {
                adoptOrRemoveLeftovers();
            }
        } catch (RuntimeException e) {
            LOG.warn("Docker does not answer at {} ({}); leftovers of earlier rentals are checked once it does",
                    options.dockerHost(), message(e));
        }
    }

    @Deactivate
    void deactivate() {
        try {
            docker.close();
        } catch (IOException e) {
            LOG.warn("Closing the Docker client failed", e);
        }
        LOG.debug("Docker driver stopped; a running rental's container goes on and is adopted at the next activation");
    }

    @Override
    public void start(RenterEnvironment environment) throws ContainerException {
        RenterFiles.validate(environment);
        String rental = environment.rentalId();
        startingRental = rental;
        try {
            synchronized (lock) {
                startLocked(environment);
            }
        } finally {
            startingRental = null;
        }
    }

    @Override
    public void reset() throws ContainerException {
        synchronized (lock) {
            try {
                removeOurs("reset");
                reconciled = true;
            } catch (RuntimeException e) {
                throw new ContainerException("Reset failed: " + message(e), e);
            }
        }
    }

    @Override
    public ContainerStatus status() {
        String starting = startingRental;
        if (starting != null) {
            return new ContainerStatus(State.STARTING, starting, "starting the container");
        }
        try {
            if (!reconciled) {
                synchronized (lock) {
                    adoptOrRemoveLeftovers();
                }
            }
            List<Container> ours = ourContainers();
            if (ours.isEmpty()) {
                return ContainerStatus.none();
            }
            if (ours.size() > 1) {
                return new ContainerStatus(State.FAILED, null,
                        ours.size() + " containers carry the label " + ContainerSpec.MANAGED + "; a reset removes them");
            }
            Container container = ours.get(0);
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(container.getId()).exec().getState();
            boolean ssh = "running".equals(state.getStatus()) && SshProbe.answers(options.sshPort(), PROBE_TIMEOUT);
            return ObservedState.of(container.getLabels().get(ContainerSpec.RENTAL), state, ssh)
                    .status(options.sshPort(), Instant.now());
        } catch (NotFoundException e) {
            return ContainerStatus.none(); // removed between the listing and the look at it
        } catch (RuntimeException e) {
            return new ContainerStatus(State.FAILED, null, "Docker does not answer at " + options.dockerHost() + ": " + message(e));
        }
    }

    @Override
    public int sshPort() {
        return options.sshPort();
    }

    private void startLocked(RenterEnvironment environment) throws ContainerException {
        String rental = environment.rentalId();
        long began = System.nanoTime();
        String containerId = null;
        try {
            removeOurs("before rental " + rental);
            reconciled = true;
            if (SshProbe.listening(options.sshPort(), PROBE_TIMEOUT)) {
                throw new ContainerException("Rental " + rental + " cannot start: another program already listens on 127.0.0.1:"
                        + options.sshPort() + " (set ssh.port of org.p2pvps.governor.docker to a free port)");
            }
            requireImage();
            ContainerSpec spec = ContainerSpec.of(options, environment);
            LOG.info("Starting rental {} for user {}: container {} from {}, volume {} at /home, SSH on 127.0.0.1:{} ({} network)",
                    rental, environment.login(), spec.containerName(), options.image(), spec.volumeName(), options.sshPort(),
                    options.network().dockerName());
            docker.createVolumeCmd().withName(spec.volumeName()).withLabels(spec.labels()).exec();
            containerId = docker.createContainerCmd(options.image())
                    .withName(spec.containerName())
                    .withLabels(spec.labels())
                    .withEnv(spec.env())
                    .withExposedPorts(spec.exposedPorts())
                    .withHostConfig(spec.hostConfig())
                    .exec().getId();
            docker.copyArchiveToContainerCmd(containerId)
                    .withTarInputStream(new ByteArrayInputStream(RenterFiles.tar(environment)))
                    .withRemotePath("/")
                    .exec();
            docker.startContainerCmd(containerId).exec();
            awaitSsh(rental, containerId);
            LOG.info("Rental {} is up: SSH answers on 127.0.0.1:{} after {} ms", rental, options.sshPort(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        } catch (ContainerException e) {
            LOG.warn("{}", e.getMessage());
            cleanUpAfterFailure(rental);
            throw e;
        } catch (RuntimeException e) {
            String log = containerId == null ? "" : logTail(containerId);
            ContainerException failure = new ContainerException("Rental " + rental + " could not be started: " + message(e)
                    + (log.isEmpty() ? "" : "; container log: " + log), e);
            LOG.warn("{}", failure.getMessage(), e);
            cleanUpAfterFailure(rental);
            throw failure;
        }
    }

    private void awaitSsh(String rental, String containerId) throws ContainerException {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (!SshProbe.answers(options.sshPort(), PROBE_TIMEOUT)) {
            InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
            InspectContainerResponse.ContainerState state = inspected.getState();
            // with the restart policy a crashing entrypoint is soon running again: any restart is a failure
            if (!"running".equals(state.getStatus()) || inspected.getRestartCount() != null && inspected.getRestartCount() > 0) {
                // once restarted, the state describes the new run: the failed run's exit code is gone
                String how = "running".equals(state.getStatus()) ? "and was restarted" : "with exit code " + state.getExitCode();
                throw new ContainerException("The container of rental " + rental + " stopped while starting, " + how
                        + "; its log: " + logTail(containerId));
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerException("The container of rental " + rental + " runs but SSH did not answer on 127.0.0.1:"
                        + options.sshPort() + " within " + options.startTimeout().toSeconds() + " s; its log: " + logTail(containerId));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException("Interrupted while rental " + rental + " was starting", e);
            }
        }
    }

    private void cleanUpAfterFailure(String rental) {
        try {
            removeOurs("failed start of rental " + rental);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove what the failed start of rental {} left: {}", rental, message(e), e);
        }
    }

    private void requireImage() throws ContainerException {
        try {
            docker.inspectImageCmd(options.image()).exec();
        } catch (NotFoundException e) {
            throw new ContainerException("The image " + options.image() + " is not on this device; build it with "
                    + "`docker build -t " + options.image() + " device-bundle/image` or, without a registry, "
                    + "device-bundle/image/build-offline.sh " + options.image(), e);
        }
    }

    /**
     * Keeps the container that fits this configuration, running if one runs, else the newest (after a reboot a
     * rental's container may be stopped or still restarting: its renter's files must survive), and starts it
     * again if it is stopped; removes every other container and volume of ours. Whether the kept one is still
     * wanted is the governor's call: it compares the rental the status names with the server's.
     */
    private void adoptOrRemoveLeftovers() {
        List<Container> ours = ourContainers();
        Container keep = ours.stream().filter(this::adoptable)
                .max(Comparator.comparing(DockerContainerDriver::isUp).thenComparing(Container::getCreated))
                .orElse(null);
        Set<String> keptVolumes = keep == null || keep.getMounts() == null ? Set.of()
                : keep.getMounts().stream().map(ContainerMount::getName).collect(Collectors.toSet());
        for (Container container : ours) {
            if (container != keep) {
                removeContainer(container, "leftover, " + container.getState());
            }
        }
        for (InspectVolumeResponse volume : ourVolumes()) {
            if (!keptVolumes.contains(volume.getName())) {
                removeVolume(volume, "leftover");
            }
        }
        if (keep != null) {
            String rental = keep.getLabels().get(ContainerSpec.RENTAL);
            if (!isUp(keep)) {
                startAgain(keep, rental);
            }
            LOG.info("Adopted container {} of rental {} from before this start (SSH on 127.0.0.1:{})", name(keep),
                    rental, options.sshPort());
        }
        reconciled = true;
    }

    private void startAgain(Container container, String rental) {
        LOG.info("Starting container {} of rental {} again (it was {})", name(container), rental, container.getState());
        try {
            docker.startContainerCmd(container.getId()).exec();
        } catch (NotModifiedException e) {
            // started meanwhile (restart policy)
        } catch (DockerException e) {
            LOG.warn("Cannot start container {} of rental {} again: {}", name(container), rental, e.getMessage());
        }
    }

    private static boolean isUp(Container container) {
        return "running".equals(container.getState()) || "restarting".equals(container.getState());
    }

    private boolean adoptable(Container container) {
        Map<String, String> labels = container.getLabels();
        return !"dead".equals(container.getState()) && !"removing".equals(container.getState())
                && Integer.toString(options.sshPort()).equals(labels.get(ContainerSpec.SSH_PORT))
                && options.network().dockerName().equals(labels.get(ContainerSpec.NETWORK));
    }

    private void removeOurs(String why) {
        for (Container container : ourContainers()) {
            removeContainer(container, why);
        }
        for (InspectVolumeResponse volume : ourVolumes()) {
            removeVolume(volume, why);
        }
    }

    private void removeContainer(Container container, String why) {
        try {
            if (isUp(container)) {
                docker.stopContainerCmd(container.getId()).withTimeout(STOP_SECONDS).exec();
            }
        } catch (NotModifiedException | NotFoundException e) {
            // stopped or gone meanwhile: removal below settles it
        }
        try {
            docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            return;
        }
        LOG.info("Removed container {} of rental {} ({})", name(container), container.getLabels().get(ContainerSpec.RENTAL), why);
    }

    private void removeVolume(InspectVolumeResponse volume, String why) {
        try {
            docker.removeVolumeCmd(volume.getName()).exec();
        } catch (NotFoundException e) {
            return;
        }
        Map<String, String> labels = volume.getLabels() == null ? Map.of() : volume.getLabels();
        LOG.info("Removed volume {} of rental {} with its files ({})", volume.getName(), labels.get(ContainerSpec.RENTAL), why);
    }

    private List<Container> ourContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerSpec.MANAGED, "true")).exec();
    }

    private List<InspectVolumeResponse> ourVolumes() {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(ContainerSpec.MANAGED + "=true")).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    /** The last lines the container wrote (the entrypoint says why it gave up), for the owner's log. */
    private String logTail(String containerId) {
        Set<String> lines = new LinkedHashSet<>(); // a restarting container repeats itself
        try (ResultCallback.Adapter<Frame> callback = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTail(10).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        lines.add(new String(frame.getPayload(), StandardCharsets.UTF_8).strip());
                    }
                })) {
            callback.awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            lines.add("(log unavailable: " + message(e) + ")");
        }
        return String.join(" | ", lines);
    }

    private String limits() {
        return (options.cpus() > 0 ? options.cpus() + " CPUs" : "no CPU limit")
                + ", " + (options.memoryMb() > 0 ? options.memoryMb() + " MB" : "no memory limit")
                + ", " + (options.pidsLimit() > 0 ? options.pidsLimit() + " processes" : "no process limit");
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private static DockerClient client(DockerOptions options) {
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(options.dockerHost())
                .withDockerTlsVerify(false)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(options.dockerHost()))
                .maxConnections(8)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
