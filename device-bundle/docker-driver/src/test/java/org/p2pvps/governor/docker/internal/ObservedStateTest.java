package org.p2pvps.governor.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.ContainerStatus.State;

class ObservedStateTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void runningWithSshIsRunning() {
        assertThat(status("running", NOW.minusSeconds(600), true))
                .isEqualTo(new ContainerStatus(State.RUNNING, "r-1", "SSH answers on 127.0.0.1:2022"));
    }

    @Test
    void runningWithoutSshIsStartingAtFirstThenFailed() {
        assertThat(status("running", NOW.minusSeconds(5), false).state()).isEqualTo(State.STARTING);
        assertThat(status("running", NOW.minusSeconds(60), false))
                .isEqualTo(new ContainerStatus(State.FAILED, "r-1", "the container runs but nothing answers SSH on 127.0.0.1:2022"));
    }

    @Test
    void aDeadContainerIsFailedAndSaysHow() {
        ObservedState killed = new ObservedState("r-1", "exited", 137, false, "", NOW.minusSeconds(60), false);
        ObservedState oom = new ObservedState("r-1", "restarting", 137, true, null, NOW.minusSeconds(60), false);

        assertThat(killed.status(2022, NOW)).isEqualTo(new ContainerStatus(State.FAILED, "r-1", "the container stopped with exit code 137"));
        assertThat(oom.status(2022, NOW).message())
                .isEqualTo("the container died with exit code 137, killed for lack of memory; Docker is restarting it");
        assertThat(status("created", null, false).state()).isEqualTo(State.FAILED);
        assertThat(status("paused", NOW, false).state()).isEqualTo(State.FAILED);
        assertThat(status("dead", NOW, false).state()).isEqualTo(State.FAILED);
    }

    private static ContainerStatus status(String dockerStatus, Instant startedAt, boolean ssh) {
        return new ObservedState("r-1", dockerStatus, 0, false, null, startedAt, ssh).status(2022, NOW);
    }
}
