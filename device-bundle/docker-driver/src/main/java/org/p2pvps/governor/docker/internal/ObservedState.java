package org.p2pvps.governor.docker.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.ContainerStatus.State;

/**
 * One container as Docker and a look at its SSH port show it, turned into the governor's {@link ContainerStatus}.
 *
 * @param dockerStatus Docker's word: created, running, paused, restarting, removing, exited or dead
 * @param startedAt when it last started, null if never
 * @param sshAnswers whether its sshd sent its identification on the loopback port
 */
record ObservedState(String rentalId, String dockerStatus, Integer exitCode, boolean oomKilled, String error,
        Instant startedAt, boolean sshAnswers) {

    /** A container that runs but whose sshd does not answer yet counts as starting for this long. */
    static final Duration SSH_GRACE = Duration.ofSeconds(30);

    static ObservedState of(String rentalId, InspectContainerResponse.ContainerState state, boolean sshAnswers) {
        return new ObservedState(rentalId, state.getStatus(), state.getExitCode(), Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError(), instant(state.getStartedAt()), sshAnswers);
    }

    ContainerStatus status(int sshPort, Instant now) {
        String where = "127.0.0.1:" + sshPort;
        return switch (dockerStatus == null ? "" : dockerStatus) {
            case "running" -> {
                if (sshAnswers) {
                    yield new ContainerStatus(State.RUNNING, rentalId, "SSH answers on " + where);
                }
                boolean young = startedAt != null && startedAt.plus(SSH_GRACE).isAfter(now);
                yield young
                        ? new ContainerStatus(State.STARTING, rentalId, "started, waiting for SSH on " + where)
                        : new ContainerStatus(State.FAILED, rentalId, "the container runs but nothing answers SSH on " + where);
            }
            case "restarting" -> new ContainerStatus(State.FAILED, rentalId, "the container died" + exit() + "; Docker is restarting it");
            case "exited", "dead" -> new ContainerStatus(State.FAILED, rentalId, "the container stopped" + exit());
            case "created" -> new ContainerStatus(State.FAILED, rentalId, "the container was created but never started");
            case "paused" -> new ContainerStatus(State.FAILED, rentalId, "the container is paused");
            case "removing" -> new ContainerStatus(State.FAILED, rentalId, "the container is being removed");
            default -> new ContainerStatus(State.FAILED, rentalId, "Docker reports the container as '" + dockerStatus + "'");
        };
    }

    private String exit() {
        StringBuilder text = new StringBuilder();
        if (exitCode != null) {
            text.append(" with exit code ").append(exitCode);
        }
        if (oomKilled) {
            text.append(", killed for lack of memory");
        }
        if (error != null && !error.isBlank()) {
            text.append(" (").append(error).append(')');
        }
        return text.toString();
    }

    // Docker writes 0001-01-01T00:00:00Z for "never"
    private static Instant instant(String dockerTime) {
        if (dockerTime == null || dockerTime.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(dockerTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
